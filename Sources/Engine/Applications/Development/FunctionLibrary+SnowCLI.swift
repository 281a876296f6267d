// FunctionLibrary+SnowCLI: the system functions the Snowflake CLI (`snow app …`) reads before and
// after its work, each a constant answer about the account:
// - SYSTEM$BOOTSTRAP_DATA_REQUEST('CLIENT_PARAMS_INFO'): the account's client parameters as JSON
//   (`{"clientParamsInfo": [{"name": …, "value": …}]}`). Snowlite has no release channels and no
//   same-account event sharing, and Snowsight links are regionless; without this call
//   `snow app run` fails. Other requests are refused.
// - SYSTEM$GET_SNOWSIGHT_HOST() and SYSTEM$RETURN_CURRENT_ORG_NAME(): where the CLI's
//   "is now available" link points (Snowsight's regionless host, the organization SNOWLITE).
// They work in a SELECT and in a CALL (`call system$bootstrap_data_request(…)`, Session+Call).

import Foundation
import GRDB

extension FunctionLibrary {
    /// The functions above; a CALL of one of these names runs the function (`callableSystemFunctions`).
    static let snowCLIFunctions = ["SYSTEM$BOOTSTRAP_DATA_REQUEST", "SYSTEM$GET_SNOWSIGHT_HOST", "SYSTEM$RETURN_CURRENT_ORG_NAME"]

    /// The client parameters Snowlite reports: the features the CLI asks about, all answered.
    static let clientParameters: [(name: String, value: Bool)] = [
        ("FEATURE_RELEASE_CHANNELS", false),
        ("ENABLE_EVENT_SHARING_V2_IN_THE_SAME_ACCOUNT", false),
        ("ENFORCE_MANDATORY_FILTERS_FOR_SAME_ACCOUNT_INSTALLATION", false),
        ("UI_SNOWSIGHT_ENABLE_REGIONLESS_REDIRECT", true),
    ]

    /// The JSON text SYSTEM$BOOTSTRAP_DATA_REQUEST('CLIENT_PARAMS_INFO') answers.
    static var clientParamsInfo: String {
        let entries = clientParameters.map { #"{"name":"\#($0.name)","value":\#($0.value)}"# }
        return #"{"clientParamsInfo":["# + entries.joined(separator: ",") + "]}"
    }

    static func registerSnowCLI(_ d: inout FunctionRegistry) {
        d.add(["SYSTEM$BOOTSTRAP_DATA_REQUEST"], 1...1) { c in
            guard let request = c.constant(0).flatMap(SQLFunctions.text(of:))?.uppercased(), request == "CLIENT_PARAMS_INFO" else {
                throw SnowflakeError.unsupportedBootstrapRequest
            }
            return c.text(clientParamsInfo)
        }
        d.add(["SYSTEM$GET_SNOWSIGHT_HOST"], 0...0) { c in c.text("https://app.snowflake.com") }
        d.add(["SYSTEM$RETURN_CURRENT_ORG_NAME"], 0...0) { c in c.text(Session.organizationName) }
    }
}
