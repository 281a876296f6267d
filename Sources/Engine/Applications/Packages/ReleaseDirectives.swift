// ReleaseDirectives: which version and patch of a package an account gets (issue 20, item 3).
// The default release directive is the package's `default_version` / `default_patch` properties
// (with when it was set and changed); custom directives are kept as one JSON list in the package's
// `release_directives` property — name, target accounts (`ORG.ACCOUNT`), version, patch, created
// and modified — so they need no table of their own and go with the package when it is dropped.
//
// A custom directive that targets this account wins over the default, as Snowflake's does
// ("the custom release directive always takes precedence"). This account is
// `<CURRENT_ORGANIZATION_NAME()>.<CURRENT_ACCOUNT()>`: Snowlite's organization is SNOWLITE (one
// machine, no Snowflake organization, as CURRENT_REGION answers SNOWLITE_LOCAL).
// https://docs.snowflake.com/en/developer-guide/native-apps/update-app-release-directive

import Foundation

/// One custom release directive as SHOW RELEASE DIRECTIVES lists it (one row per target account).
struct ReleaseDirective: Equatable {
    var name: String
    /// `ORG.ACCOUNT`, each part as stored (upper case unless quoted).
    var accounts: [String]
    var version: String
    var patch: Int
    var createdOn: String
    var modifiedOn: String?
}

/// How an application was installed, which decides whether a release directive moves it.
enum InstallationSource: String {
    /// From the package's release directive (`CREATE APPLICATION … FROM APPLICATION PACKAGE p`, or
    /// after a plain `ALTER APPLICATION … UPGRADE`): follows the directive that applies to the account.
    case releaseDirective = "RELEASE_DIRECTIVE"
    /// `USING VERSION v [PATCH n]`: pinned until upgraded by hand [? Snowflake's test installs].
    case version = "VERSION"
    /// `USING '@stage/path'` (development mode): never follows a directive.
    case stage = "STAGE"
}

extension Session {
    /// CURRENT_ORGANIZATION_NAME(): the organization custom release directives name this account in.
    static let organizationName = "SNOWLITE"

    /// This account as a release directive's ACCOUNTS list names it: `SNOWLITE.<ACCOUNT>`.
    var directiveAccount: String { Session.organizationName + "." + accountName }
}

extension AccountObjectRecord {
    /// The package's custom release directives, by name.
    var customReleaseDirectives: [ReleaseDirective] {
        guard let text = properties["release_directives"],
            let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        else { return [] }
        return list.compactMap { item in
            guard let name = item["name"] as? String, let version = item["version"] as? String, let patch = item["patch"] as? Int,
                let createdOn = item["created_on"] as? String
            else { return nil }
            return ReleaseDirective(
                name: name, accounts: item["accounts"] as? [String] ?? [], version: version, patch: patch,
                createdOn: createdOn, modifiedOn: item["modified_on"] as? String)
        }.sorted { $0.name < $1.name }
    }

    /// The package's properties with `directives` as its custom release directives.
    func withCustomReleaseDirectives(_ directives: [ReleaseDirective]) throws -> [String: String] {
        let list: [[String: Any]] = directives.map { directive in
            var item: [String: Any] = [
                "name": directive.name, "accounts": directive.accounts, "version": directive.version,
                "patch": directive.patch, "created_on": directive.createdOn,
            ]
            item["modified_on"] = directive.modifiedOn
            return item
        }
        var updated = properties
        updated["release_directives"] = String(
            decoding: try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]),
            as: UTF8.self)
        return updated
    }

    /// The (version, patch) of the directive that applies to `account`: a custom one that targets
    /// it, else the default; nil when neither exists.
    func releaseDirective(for account: String) -> (version: String, patch: Int)? {
        if let custom = customReleaseDirectives.first(where: { $0.accounts.contains(account) }) {
            return (custom.version, custom.patch)
        }
        return defaultReleaseDirective
    }

    /// Whether some directive (default or custom) names `version`.
    func releaseDirectivesName(version: String) -> Bool {
        defaultReleaseDirective?.version == version || customReleaseDirectives.contains { $0.version == version }
    }

    /// How an installed application came from its package (`.version` for one recorded before this was kept).
    var installationSource: InstallationSource {
        if properties["version"] == "UNVERSIONED" { return .stage }
        return properties["installed_from"].flatMap(InstallationSource.init(rawValue:)) ?? .version
    }
}
