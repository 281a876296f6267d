// SnowflakeError+NativeAppDevelopment: the errors of the development loop the Snowflake CLI drives
// (`snow app run / deploy / validate / version`): the bootstrap request it makes, the upgrades
// Snowflake restricts by how an application was installed, and SYSTEM$VALIDATE_NATIVE_APP_SETUP's
// own refusals. The codes are those snowflake-cli's api/errno.py handles; the wording is chosen [?]
// where Snowflake's is not documented.
// https://docs.snowflake.com/en/developer-guide/native-apps/versions-upgrades

extension SnowflakeError {
    /// SYSTEM$BOOTSTRAP_DATA_REQUEST with anything but 'CLIENT_PARAMS_INFO' (Snowlite answers only that one).
    static var unsupportedBootstrapRequest: SnowflakeError {
        unsupported("SYSTEM$BOOTSTRAP_DATA_REQUEST requests other than 'CLIENT_PARAMS_INFO'")
    }

    /// 093045 (CANNOT_UPGRADE_FROM_VERSION_TO_LOOSE_FILES in the CLI): UPGRADE USING '@stage' of an
    /// application installed from a version.
    static func cannotUpgradeVersionedFromStage(_ application: String) -> SnowflakeError {
        SnowflakeError(
            code: "093045", sqlState: "22023",
            message: "Application '\(application)' was installed from a version; upgrade it with UPGRADE or UPGRADE USING VERSION.")
    }

    /// An application installed from staged files (development mode) upgraded USING VERSION: 093044
    /// (CANNOT_UPGRADE_FROM_LOOSE_FILES_TO_VERSION); by a plain UPGRADE, to the release directive:
    /// 093055 (NOT_SUPPORTED_ON_DEV_MODE_APPLICATIONS).
    static func cannotUpgradeStaged(_ application: String, toVersion: Bool) -> SnowflakeError {
        SnowflakeError(
            code: toVersion ? "093044" : "093055", sqlState: "22023",
            message: "Application '\(application)' was installed from staged files; upgrade it with UPGRADE USING '<@stage/path>'.")
    }

    /// SYSTEM$VALIDATE_NATIVE_APP_SETUP's argument is not a stage location.
    static func validationNeedsStage(_ argument: String) -> SnowflakeError {
        compilationError("SYSTEM$VALIDATE_NATIVE_APP_SETUP expects a stage location such as '@pkg.schema.stage', not '\(argument)'.")
    }

    /// SYSTEM$VALIDATE_NATIVE_APP_SETUP on a stage outside an application package.
    static func validationNeedsPackageStage(_ database: String) -> SnowflakeError {
        compilationError("SYSTEM$VALIDATE_NATIVE_APP_SETUP validates a stage of an application package; '\(database)' is not one.")
    }
}
