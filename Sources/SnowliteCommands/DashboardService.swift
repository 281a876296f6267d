// DashboardService: the HTTP server `snowlite serve` runs beside the task scheduler that owns the
// main thread — the dashboard (Sources/Dashboard) and the driver protocol (Sources/DriverProtocol)
// on one port, behind the dashboard's access rule: a Hummingbird application in a ServiceGroup of its own, on
// a background task, with no signal handling of its own (serve's handlers stop everything). It
// prints where it listens (with the token when it listens beyond loopback) once it does; `stop()`
// shuts it down gracefully and waits for it.

import Dashboard
import DriverProtocol
import Foundation
import Logging
import ServiceLifecycle
import Engine
import Snowlite

final class DashboardService: @unchecked Sendable {
    private let group: ServiceGroup
    private let finished = DispatchSemaphore(value: 0)

    private init(group: ServiceGroup) {
        self.group = group
    }

    /// Checks the address (non-loopback needs allowRemote), then starts serving in the background.
    static func start(_ configuration: DashboardConfiguration, driver: DriverServer,
                      openSession: @escaping @Sendable () throws -> Session) throws -> DashboardService {
        let server = try DashboardServer(openSession: openSession, configuration: configuration)
        let application = server.buildApplication(routes: { router in driver.addRoutes(to: router) }) { port in
            CommandOutput.line(DriverLogins.startMessage(host: configuration.host, port: port))
            CommandOutput.line(server.startMessage(port: port))
        }
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [],
                                                      logger: Logger(label: "snowlite.dashboard")))
        let service = DashboardService(group: group)
        Task {
            do { try await group.run() } catch { CommandOutput.error("The dashboard stopped: \(error)") }
            service.finished.signal()
        }
        return service
    }

    /// Asks the server to finish its requests and stop, and waits (at most a few seconds) for it.
    func stop() {
        let group = self.group
        Task { await group.triggerGracefulShutdown() }
        _ = finished.wait(timeout: .now() + 5)
    }
}
