// SnowflakeError+ReleaseDirectives: the errors of an application package's release directives,
// versions and lifecycle callbacks that came with custom release directives (issue 20). The codes
// are those the Snowflake CLI handles by number (snowflake-cli's api/errno.py:
// RELEASE_DIRECTIVE_DOES_NOT_EXIST 93090, TARGET_ACCOUNT_USED_BY_OTHER_RELEASE_DIRECTIVE 93091,
// APPLICATION_PACKAGE_MAX_VERSIONS_HIT 93037, CANNOT_ADD_PATCH_WITH_NON_INCREASING_PATCH_NUMBER
// 93167); Snowflake's wording is not
// documented, so the messages are chosen [?].
// https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-directive

extension SnowflakeError {
    /// 093090: MODIFY or UNSET RELEASE DIRECTIVE of a custom directive the package does not have.
    static func releaseDirectiveNotFound(_ name: String, package: String) -> SnowflakeError {
        SnowflakeError(
            code: "093090", sqlState: "02000",
            message: "Release directive '\(name)' does not exist in application package '\(package)'.")
    }

    /// 093091: SET RELEASE DIRECTIVE naming an account another custom directive already targets.
    static func accountInOtherReleaseDirective(_ account: String, directive: String, package: String) -> SnowflakeError {
        SnowflakeError(
            code: "093091", sqlState: "22023",
            message: "Account '\(account)' is already a target of release directive '\(directive)' in application package '\(package)'.")
    }

    /// A custom directive named DEFAULT: that name is the default release directive's.
    static func defaultReleaseDirectiveName(_ clause: String) -> SnowflakeError {
        compilationError("The default release directive cannot be changed with \(clause); use SET DEFAULT RELEASE DIRECTIVE.")
    }

    /// 093037: ADD VERSION when the package already has two versions.
    static func tooManyVersions(package: String) -> SnowflakeError {
        SnowflakeError(
            code: "093037", sqlState: "22023",
            message: "Application package '\(package)' already has 2 versions; drop one before adding another.")
    }

    /// 093167: ADD PATCH n where n is not above every patch of the version.
    static func nonIncreasingPatch(_ patch: Int, highest: Int, version: String) -> SnowflakeError {
        SnowflakeError(
            code: "093167", sqlState: "22023",
            message: "Patch \(patch) for version '\(version)' must be greater than the highest existing patch \(highest).")
    }

    /// A lifecycle callback Snowflake documents but Snowlite cannot run faithfully, refused at install.
    static func unsupportedLifecycleCallback(_ name: String, why: String) -> SnowflakeError {
        unsupported("The lifecycle callback '\(name)' (\(why))")
    }
}
