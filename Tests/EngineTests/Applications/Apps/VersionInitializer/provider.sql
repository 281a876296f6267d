create application package initializer_pkg;
alter application package initializer_pkg add version v1 using '@d.public.artifacts/v1';
alter application package initializer_pkg add version v2 using '@d.public.artifacts/v2';
alter application package initializer_pkg add patch for version v2 using '@d.public.artifacts/v2_failing';
alter application package initializer_pkg set default release directive version = v1 patch = 0
