create application package metered_adder_pkg;
alter application package metered_adder_pkg add version v1 using '@d.public.artifacts/v1';
alter application package metered_adder_pkg set default release directive version = v1 patch = 0
