// DriverLogins: how `snowlite serve` opens a driver client's session (DriverProtocol's
// DriverSessionOpener). The login's account names the account file `$SNOWLITE_HOME/<account>.sqlite`
// (SNOWLITE_DB, which pins one file for snowsql, does not apply: every account is its own file),
// created with its built-in roles and user SNOWLITE on first login. The password is checked
// (Session.authenticate: 390100 when wrong), then the session is wired as snowsql's is
// (Snowlite.connect) and logged in with the role, warehouse, database and schema asked for. The
// sessions share one Python runtime, so a Python procedure's worker pool is the server's, not each
// client's.

import DriverProtocol
import Engine
import Foundation
import Snowlite

enum DriverLogins {
    static func opener(environment: [String: String]) -> DriverSessionOpener {
        var environment = environment
        environment["SNOWLITE_DB"] = nil
        let clock = Snowlite.clock(environment: environment)
        // One Python runtime for every driver session, so they share one worker pool.
        let python = try? Snowlite.pythonRuntime(options: ConnectionOptions(), environment: environment)
        return { [environment] login in
            var options = ConnectionOptions()
            options.pythonRuntime = python
            (options.account, options.user) = (login.account, login.user)
            (options.role, options.warehouse, options.database, options.schema) = (login.role, login.warehouse, login.database, login.schema)
            let store = try Snowlite.openAccount(options, environment: environment)
            options.user = try Session.authenticate(store: store, user: login.user, password: login.password, now: clock())
            return try Snowlite.connect(options, environment: environment)
        }
    }

    /// The line serve prints once the driver protocol listens (clients' host and port).
    static func startMessage(host: String, port: Int) -> String {
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "Driver: http://\(shown):\(port)/"
    }
}
