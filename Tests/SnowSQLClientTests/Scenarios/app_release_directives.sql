-- Issue 20, patterns 3 and 9 through snowsql: the ReleaseTrain and VersionInitializer test apps
-- (Tests/EngineTests/Applications/Apps). The installed app follows the release directive that
-- applies to this account; a version_initializer runs at install and at each upgrade.
create database d;
create stage d.public.artifacts;
put 'file://../../EngineTests/Applications/Apps/ReleaseTrain/v1/*' @d.public.artifacts/v1 auto_compress = false;
put 'file://../../EngineTests/Applications/Apps/ReleaseTrain/v1_patch1/*' @d.public.artifacts/v1_patch1 auto_compress = false;
put 'file://../../EngineTests/Applications/Apps/ReleaseTrain/v2/*' @d.public.artifacts/v2 auto_compress = false;
put 'file://../../EngineTests/Applications/Apps/ReleaseTrain/v2_broken/*' @d.public.artifacts/v2_broken auto_compress = false;
!source ../../EngineTests/Applications/Apps/ReleaseTrain/provider.sql
create application train from application package release_train_pkg;
call train.core.release();
alter application package release_train_pkg set default release directive version = v1 patch = 1;
call train.core.release();
select current_organization_name();
alter application package release_train_pkg set release directive early accounts = (snowlite.snowlite, acme.test) version = v2 patch = 0;
call train.core.release();
show release directives in application package release_train_pkg;
alter application package release_train_pkg unset release directive early;
call train.core.release();
select release from train.core.setup_runs;
alter application package release_train_pkg add patch for version v2 using '@d.public.artifacts/v2_broken';
alter application package release_train_pkg set default release directive version = v2 patch = 1;
call train.core.release();
show applications like 'TRAIN';
alter application package release_train_pkg drop version v1;
drop application train;
drop application package release_train_pkg;
