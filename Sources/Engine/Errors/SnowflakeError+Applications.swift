// SnowflakeError+Applications: the errors of the Native App Framework. A provider's application
// package (ADD VERSION and PATCH, release directives, the manifest and setup script a version is
// made from); a consumer's application (DROP with objects outside itself, references its manifest
// declares and the consumer binds, privileges it requests). The dashboard raises the last two of
// these, hence public. Where Snowflake's codes and wording are not documented they are chosen [?].
// https://docs.snowflake.com/en/developer-guide/native-apps/native-apps-about

extension SnowflakeError {
    // MARK: - Versions and patches: the codes are those the Snowflake CLI handles (snowflake-cli's
    // api/errno.py); the wording is chosen [?].

    /// ADD VERSION / ADD PATCH on a folder without `manifest.yml` at its root.
    static func manifestNotFound(_ location: String) -> SnowflakeError {
        SnowflakeError(code: "093080", sqlState: "22023", message: "The manifest file 'manifest.yml' was not found in '\(location)'.")
    }

    /// The manifest's `artifacts.setup_script` is not in the folder.
    static func setupScriptNotFound(_ path: String, _ location: String) -> SnowflakeError {
        SnowflakeError(code: "093081", sqlState: "22023", message: "The setup script '\(path)' was not found in '\(location)'.")
    }

    static func versionExists(_ version: String, package: String) -> SnowflakeError {
        SnowflakeError(code: "093030", sqlState: "42710",
                       message: "Version '\(version)' already exists in application package '\(package)'.")
    }

    static func versionNotFound(_ version: String, package: String) -> SnowflakeError {
        SnowflakeError(code: "093031", sqlState: "02000",
                       message: "Version '\(version)' does not exist in application package '\(package)'.")
    }

    static func patchExists(_ patch: Int, version: String, package: String) -> SnowflakeError {
        SnowflakeError(code: "093168", sqlState: "42710",
                       message: "Patch \(patch) for version '\(version)' already exists in application package '\(package)'.")
    }

    /// 093036: a release directive naming a patch the version does not have.
    static func patchNotFound(_ patch: Int, version: String, package: String) -> SnowflakeError {
        SnowflakeError(code: "093036", sqlState: "22023",
                       message: "Patch \(patch) for version '\(version)' does not exist in application package '\(package)'.")
    }

    /// 093088: DROP VERSION of a version a release directive names.
    static func versionInReleaseDirective(_ version: String, package: String) -> SnowflakeError {
        SnowflakeError(code: "093088", sqlState: "22023",
                       message: "Version '\(version)' of application package '\(package)' cannot be dropped: a release directive refers to it.")
    }

    /// A manifest problem found at ADD VERSION / CREATE APPLICATION [? code chosen: 093079].
    public static func invalidManifest(_ detail: String) -> SnowflakeError {
        SnowflakeError(code: "093079", sqlState: "22023", message: "Invalid manifest: \(detail)")
    }

    // MARK: - Applications

    /// 093128 (APPLICATION_OWNS_EXTERNAL_OBJECTS in the Snowflake CLI): DROP APPLICATION without CASCADE
    /// while the application owns databases outside itself.
    static func applicationOwnsObjectsOutside(_ application: String, databases: [String]) -> SnowflakeError {
        let names = databases.map { "database '\($0)'" }.joined(separator: ", ")
        return SnowflakeError(code: "093128", sqlState: "42501", message: "\(compilation)\nApplication '\(application)' owns "
                              + "\(names) outside itself; drop it with DROP APPLICATION \(application) CASCADE.")
    }

    /// 002003: the application has no (default) Streamlit, worded as a missing one.
    public static func streamlitDoesNotExist(application: String) -> SnowflakeError {
        doesNotExist("Streamlit of application", application)
    }

    /// 003001: granting an application a privilege its manifest does not request.
    public static func privilegeNotRequested(_ privilege: String, application: String) -> SnowflakeError {
        SnowflakeError(code: "003001", sqlState: "42501", message: "SQL access control error:\n"
                       + "Privilege '\(privilege)' is not requested by the manifest of application '\(application)'.")
    }

    // MARK: - References

    /// 505026: the application's manifest declares no reference of that name.
    static func referenceNotDefined(_ name: String, application: String) -> SnowflakeError {
        SnowflakeError(code: "505026", sqlState: "23001",
                       message: "Reference definition '\(name)' cannot be found in the current version of the application '\(application)'")
    }

    /// 505028: SYSTEM$REFERENCE named an object of another type.
    static func referenceTypeMismatch(actual: String, specified: String) -> SnowflakeError {
        SnowflakeError(code: "505028", sqlState: "42601",
                       message: "Object type \(actual) does not match the specified type \(specified) for reference creation")
    }

    /// A reference the manifest declares but the consumer has not bound yet [? wording and code chosen].
    static func referenceNotBound(_ name: String, application: String) -> SnowflakeError {
        SnowflakeError(code: "505027", sqlState: "23001",
                       message: "Reference '\(name)' of application '\(application)' is not bound to an object; the consumer binds it through the register callback.")
    }

    /// A reference string this session did not issue [? wording and code chosen].
    static func invalidReferenceString(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "505029", sqlState: "22023", message: "Invalid reference string '\(text)'.")
    }
}

extension SnowflakeError {
    /// A statement a setup script may not run, even from a procedure or block it calls: transaction
    /// control and EXECUTE TASK (the install is one transaction), EXECUTE AS CALLER procedures.
    /// https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script
    static func unsupportedInSetupScript(_ what: String) -> SnowflakeError {
        unsupported("\(what) in a setup script")
    }
}
