// CallHost: Snowlite's side of a worker's channel, for one CALL. It answers the worker's requests
// one at a time, on the thread running the CALL, until the worker sends its result or its error:
//   driver   a Snowpark request (DriverRelay), as the procedure's owner
//   secret   `_snowflake.get_…(alias)`: only the procedure's SECRETS, read as ProcedureContext reads
//            them (the owner's READ, an enabled integration allowing the secret)
//   connect  a host:port the worker resolves: admitted or refused by the egress policy
//   http     a request to an admitted host:port, sent by the egress client
//   log      a logging record, for the event table
// Secret values the worker was given are blanked from its log records and its error: the event
// table and the CALL's error never show them, whatever the handler logs or raises.

import Egress
import Engine
import Foundation
import ProcedureEgress

final class CallHost {
    private let context: ProcedureContext
    private let definition: PythonProcedureDefinition
    private let relay: DriverRelay
    private let client: EgressClient
    private var givenSecrets: Set<String> = []

    init(context: ProcedureContext, definition: PythonProcedureDefinition, callToken: String, client: EgressClient) {
        self.context = context
        self.definition = definition
        self.client = client
        relay = DriverRelay(context: context, callToken: callToken)
    }

    /// Serves the worker until it answers; the CALL's outcome.
    func serve(_ worker: PythonWorker) throws -> ScriptOutcome {
        while true {
            guard let message = try worker.receive(check: { try context.checkStopped() }) else {
                throw WorkerFailure("it ended without an answer: \(worker.exitDescription)")
            }
            switch message["op"] as? String {
            case "driver":
                let (status, body) = relay.answer(
                    method: message["method"] as? String ?? "", path: message["path"] as? String ?? "",
                    query: message["query"] as? String ?? "", body: message["body"] as? String ?? "",
                    authorization: message["authorization"] as? String)
                try worker.send(["status": status, "body": body])
            case "secret":
                try worker.send(secret(kind: message["kind"] as? String ?? "", alias: message["alias"] as? String ?? ""))
            case "connect":
                try worker.send(connect(host: message["host"] as? String ?? "", port: message["port"] as? Int ?? 443))
            case "http":
                try worker.send(http(message))
            case "log":
                log(message)
            case "result":
                let (value, type) = try CallValues.result(message["value"])
                return .value(value, type)
            case "table":
                return .table(try table(message["queries"] as? [String] ?? []))
            case "error":
                throw SnowflakeError.pythonTraceback(
                    redacted(message["traceback"] as? String ?? ""), function: definition.name,
                    handler: definition.handler)
            case "failed":
                throw WorkerFailure(redacted(message["reason"] as? String ?? "it failed"))
            default:
                throw WorkerFailure("it sent a message of no known kind")
            }
        }
    }

    private func secret(kind: String, alias: String) -> [String: Any] {
        do {
            let value: Any
            switch kind {
            case "generic_string":
                let text = try context.genericString(alias)
                givenSecrets.insert(text)
                value = text
            case "username_password":
                let (username, password) = try context.usernamePassword(alias)
                givenSecrets.insert(password)
                value = ["username": username, "password": password]
            case "secret_type":
                value = try context.secretType(alias)
            default:
                return ["error": "_snowflake.get_\(kind) is not supported in Snowlite"]
            }
            return ["value": value]
        } catch {
            return ["error": (error as? SnowflakeError)?.message ?? "\(error)"]
        }
    }

    private func connect(host: String, port: Int) -> [String: Any] {
        do throws(EgressError) {
            try client.admitTunnel(host: host, port: port)
            return ["allowed": true]
        } catch {
            return ["allowed": false, "error": error.message]
        }
    }

    private func http(_ message: [String: Any]) -> [String: Any] {
        guard let method = HTTPMethod(rawValue: (message["method"] as? String ?? "").uppercased()), method != .connect else {
            return ["error": "HTTP method \(message["method"] as? String ?? "") is not supported"]
        }
        let headers = (message["headers"] as? [[String]] ?? []).compactMap { $0.count == 2 ? HTTPHeader($0[0], $0[1]) : nil }
        let body = (message["body"] as? String).flatMap { Data(base64Encoded: $0) }
        do throws(EgressError) {
            let response = try client.send(HTTPRequest(method, message["url"] as? String ?? "", headers: headers, body: body))
            return [
                "status": response.status, "headers": response.headers.map { [$0.name, $0.value] },
                "body": response.body.base64EncodedString(),
            ]
        } catch {
            return ["error": error.message]
        }
    }

    /// A logging record as an event: the logger as scope, the code location and extras as attributes.
    private func log(_ message: [String: Any]) {
        var attributes: [(String, JSONValue)] = [
            ("code.filepath", .string(message["file"] as? String ?? "")),
            ("code.function", .string(message["function"] as? String ?? "")),
            ("code.lineno", .number(String(message["line"] as? Int ?? 0))),
        ]
        for (key, value) in (message["extra"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch value {
            case let text as String: attributes.append((key, .string(redacted(text))))
            case let number as NSNumber where CallValues.isBoolean(number): attributes.append((key, .bool(number.boolValue)))
            case let number as NSNumber: attributes.append((key, .number(number.stringValue)))
            default: attributes.append((key, .null))
            }
        }
        context.log(
            message["level"] as? String ?? "INFO", redacted(message["message"] as? String ?? ""),
            scope: message["logger"] as? String ?? "", attributes: attributes)
    }

    /// A DataFrame's queries, run in order: the last one's rows are the CALL's table.
    private func table(_ queries: [String]) throws -> ResultSet {
        guard let last = queries.last else { throw WorkerFailure("its DataFrame has no query") }
        for query in queries.dropLast() { _ = try context.sql(query) }
        return try context.sql(last)
    }

    private func redacted(_ text: String) -> String {
        givenSecrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
