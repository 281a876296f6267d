create application package release_train_pkg;
alter application package release_train_pkg add version v1 using '@d.public.artifacts/v1' label = 'First';
alter application package release_train_pkg add patch for version v1 using '@d.public.artifacts/v1_patch1';
alter application package release_train_pkg add version v2 using '@d.public.artifacts/v2';
alter application package release_train_pkg set default release directive version = v1 patch = 0
