-- args: -D APP_NAME=EXAMPLE -D APP_VERSION=V_1_0_0 -o variable_substitution=true
-- Client-side variables: substituted everywhere, even inside quotes and comments; a doubled ampersand is a literal one.
SET APP = '&APP_NAME';
select '&{APP_NAME}_STAGE', '&APP_VERSION', 'a && b', $APP;
!define STAGE=ARTIFACTS
select '&STAGE';
!print printed &APP_NAME
select '&UNDEFINED_ONE';
select 'after the undefined variable';
