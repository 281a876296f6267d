// DashboardServer: the connector's Streamlit page as a web page (issue 11), the entry point that
// `snowlite serve` runs beside the account's scheduler. It is a Hummingbird 2 application — a
// ServiceLifecycle Service — over one consumer's Engine session (ConsumerSession), bound to
// 127.0.0.1 by default. Listening on any other address is refused unless the configuration allows
// it. Who may use it is DashboardAccess's rule, ahead of every route: on loopback, the processes
// of the user running the server (where the kernel says who connects); otherwise, and beyond
// loopback always, whoever presents the access token the server prints at start.
//
// Routes: GET / (the account overview), GET /style.css, GET /apps/{app} and /apps/{app}/{tab}
// (privileges, configuration, resources, state, data, raw; `?resource=owner/repo` for the data
// previews), and the forms' POSTs: /apps/{app}/privileges (GRANT … ON ACCOUNT TO APPLICATION),
// /apps/{app}/references (the register callback), /apps/{app}/configuration (PROVISION_CONNECTOR)
// and /apps/{app}/resources (ENABLE_RESOURCE), each checked against the session's CSRF token.
//
//     let dashboard = try DashboardServer(openSession: { try Snowlite.connect(options) },
//                                         configuration: .init(host: "127.0.0.1", port: 8080))
//     services.append(dashboard.buildApplication(onListening: { port in print(dashboard.startMessage(port: port)) }))

import Engine
import Foundation
import Logging
import Hummingbird
import Mustache
import NIOCore

/// Where the dashboard listens and who may reach it.
public struct DashboardConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Listening beyond loopback must be asked for; requests then need the access token.
    public var allowRemote: Bool
    /// The access token, where one is needed; one is generated when nil.
    public var token: String?
    /// Who owns the process at the other end of a loopback connection; nil (or a lookup whose
    /// tables cannot be read) makes loopback need the token too.
    public var peerOwners: PeerOwnerLookup?
    /// The user whose processes a loopback server answers: the one running it.
    public var serverUser: UInt32
    /// Where requests need the access token: another proof that a request may pass instead (a
    /// driver client's password login, or the session token it got from one).
    public var otherCredential: (@Sendable (Request) -> Bool)?

    public init(host: String = "127.0.0.1", port: Int = 8080, allowRemote: Bool = false, token: String? = nil,
                peerOwners: PeerOwnerLookup? = .kernel, serverUser: UInt32 = DashboardAccess.currentUser,
                otherCredential: (@Sendable (Request) -> Bool)? = nil) {
        self.host = host
        self.port = port
        self.allowRemote = allowRemote
        self.token = token
        self.peerOwners = peerOwners
        self.serverUser = serverUser
        self.otherCredential = otherCredential
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

/// The configuration asks for an address beyond loopback without allowing it.
public struct DashboardAddressRefused: Error, CustomStringConvertible {
    public var host: String
    public init(host: String) {
        self.host = host
    }
    public var description: String {
        "The dashboard listens on loopback only: \(host) is not a loopback address. Allow it explicitly "
            + "(snowlite serve --allow-remote); requests will then need the access token printed at start."
    }
}

public struct DashboardServer: Sendable {
    public let configuration: DashboardConfiguration
    /// Who may use the server (DashboardAccess.swift).
    public let access: DashboardAccess
    /// The token every request must present; nil when the server answers its user's processes.
    public var accessToken: String? { access.token }
    let session: ConsumerSession
    let templates: MustacheLibrary
    let browsers = BrowserSessions()

    /// Checks the address (throws DashboardAddressRefused) and parses the templates. The session
    /// is opened on first use, with the role it logs in with: the consumer's.
    public init(openSession: @escaping @Sendable () throws -> Session, configuration: DashboardConfiguration = .init()) throws {
        let loopback = DashboardConfiguration.isLoopback(configuration.host)
        guard loopback || configuration.allowRemote else { throw DashboardAddressRefused(host: configuration.host) }
        self.configuration = configuration
        access = DashboardAccess.rule(for: configuration, loopback: loopback)
        session = ConsumerSession(openSession: openSession)
        templates = try PageTemplates.library()
    }

    /// What `snowlite serve` prints once the server listens on `port`.
    public func startMessage(port: Int) -> String {
        let host = configuration.host.contains(":") && !configuration.host.hasPrefix("[") ? "[\(configuration.host)]" : configuration.host
        let url = "http://\(host):\(port)/"
        guard let accessToken else { return "Dashboard: \(url) (for your user's processes only)" }
        let why = !DashboardConfiguration.isLoopback(configuration.host) ? "listening beyond loopback"
            : configuration.allowRemote ? "--allow-remote" : "this system does not tell who connects"
        return "Dashboard: \(url)?token=\(accessToken) (\(why): requests need this token)"
    }

    /// The application to run as a Service; `onListening` gets the bound port (useful with port 0).
    /// `routes` adds other endpoints on the same port (`snowlite serve`: the driver protocol), behind
    /// the same access rule.
    public func buildApplication(routes: (Router<DashboardContext>) -> Void = { _ in },
                                 onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = buildRouter(DashboardContext.self)
        routes(router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "snowlite-dashboard"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: DashboardServer.logger)
    }

    /// Warnings and errors only: `snowlite serve` prints its own line for where it listens.
    static var logger: Logger {
        var logger = Logger(label: "snowlite-dashboard")
        logger.logLevel = .warning
        return logger
    }

    /// The routes, for `buildApplication` and for tests driving them in-process (with a context
    /// whose connection ends they fix).
    public func buildRouter<Context: DashboardRequestContext>(_ context: Context.Type = DashboardContext.self) -> Router<Context> {
        let router = Router(context: Context.self)
        // First, before any route: each route (and the not-found answer) is wrapped in the
        // middleware added before it, so this rule covers every endpoint.
        router.add(middleware: DashboardAccessMiddleware(access: access, otherCredential: configuration.otherCredential))
        let server = self
        router.add(middleware: LoopbackHostMiddleware(allowed: configuration.host,
                                                      remote: !DashboardConfiguration.isLoopback(configuration.host)))
        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: PageTemplates.stylesheet)))
        }
        router.get("/") { request, _ in
            try await server.overview(request)
        }
        router.get("/apps/:app") { request, context in
            try await server.application(request, app: context.parameters.get("app") ?? "", tab: ApplicationTab.configuration.rawValue)
        }
        router.get("/apps/:app/:tab") { request, context in
            try await server.application(request, app: context.parameters.get("app") ?? "", tab: context.parameters.get("tab") ?? "")
        }
        router.post("/apps/:app/:tab") { request, context in
            try await server.submit(request, app: context.parameters.get("app") ?? "", form: context.parameters.get("tab") ?? "")
        }
        return router
    }

    // MARK: - Pages

    func overview(_ request: Request) async throws -> Response {
        let cookie = browsers.csrfToken(for: request).newCookie
        do {
            let page = try await session.run { runner in AccountOverview(runner: runner).page() }
            return render("overview", page, status: .ok, cookie: cookie)
        } catch {
            return unavailable(error, cookie: cookie)
        }
    }

    /// The account could not be opened (the session's login failed): 503 with the error's text.
    func unavailable(_ error: Error, cookie: Cookie?) -> Response {
        render("message", MessagePage(title: "Account unavailable", account: "", heading: "The account could not be opened",
                                      text: DashboardError.text(of: error)), status: .serviceUnavailable, cookie: cookie)
    }

    func application(_ request: Request, app: String, tab name: String, action: ApplicationAction? = nil) async throws -> Response {
        let (csrf, cookie) = browsers.csrfToken(for: request)
        guard let tab = ApplicationTab(rawValue: name) else {
            return render("message", MessagePage(title: "Not found", account: "", heading: "Not found",
                                                 text: "The application page has no tab '\(name)'."), status: .notFound, cookie: cookie)
        }
        let resource = FormFields(query: request.uri.query ?? "")["resource"]
        let outcome: PageOutcome
        do {
            outcome = try await session.run { runner -> PageOutcome in
                do {
                    var controller = try ApplicationController(runner: runner, application: app)
                    return .page(controller.page(tab: tab, action: action, resource: resource, csrf: csrf))
                } catch {
                    return .missing(MessagePage(title: app, account: runner.session.accountName, heading: "Application \(app)",
                                                text: DashboardError.text(of: error)))
                }
            }
        } catch {
            return unavailable(error, cookie: cookie)
        }
        switch outcome {
        case .page(let page): return render("application", page, status: .ok, cookie: cookie)
        case .missing(let page): return render("message", page, status: .notFound, cookie: cookie)
        }
    }

    /// A form's POST: refused without the session's CSRF token, else the action and the tab's page.
    func submit(_ request: Request, app: String, form: String) async throws -> Response {
        let fields = try await FormFields.body(of: request)
        guard browsers.accepts(fields["csrf"], for: request) else {
            return render("message", MessagePage(title: "Form refused", account: "", heading: "Form refused",
                                                 text: "The form's CSRF token does not belong to this browser session: reload the page and submit the form again."),
                          status: .forbidden)
        }
        let action: ApplicationAction
        let tab: ApplicationTab
        switch form {
        case "privileges":
            (action, tab) = (.grant(privilege: fields.trimmed("privilege")), .privileges)
        case "references":
            (action, tab) = (.bind(reference: fields.trimmed("reference"), object: fields.trimmed("object")), .privileges)
        case "configuration":
            action = .provision(destinationDatabase: fields.trimmed("destination_database"), secretName: fields.trimmed("secret_name"),
                                integrationName: fields.trimmed("external_access_integration_name"))
            tab = .configuration
        case "resources":
            (action, tab) = (.enable(organization: fields.trimmed("organization"), repository: fields.trimmed("repository")), .resources)
        default:
            return render("message", MessagePage(title: "Not found", account: "", heading: "Not found",
                                                 text: "The application page has no form '\(form)'."), status: .notFound)
        }
        return try await application(request, app: app, tab: tab.rawValue, action: action)
    }

    /// An application's page, or why there is none.
    enum PageOutcome: Sendable {
        case page(ApplicationPage)
        case missing(MessagePage)
    }

    // MARK: - Rendering

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status, cookie: Cookie? = nil) -> Response {
        let html = templates.render(model, withTemplate: template) ?? ""
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        if let cookie { response.setCookie(cookie) }
        return response
    }
}
