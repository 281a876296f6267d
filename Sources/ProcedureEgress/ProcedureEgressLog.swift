// ProcedureEgressLog: what every procedure runtime records of its egress — the Swift handlers'
// (GitHubConnector) and the Python workers' (PythonProcedures) — each egress client's decision as
// one EGRESS_HISTORY row of the running procedure.

import Egress
import Engine

/// The egress client's log entries, into the account's EGRESS_HISTORY.
/// Used on the thread that runs the procedure only, so the non-Sendable context never crosses threads.
public struct ProcedureEgressLog: EgressLog, @unchecked Sendable {
    let context: ProcedureContext

    public init(context: ProcedureContext) { self.context = context }

    public func record(_ entry: EgressLogEntry) {
        let reason: String
        switch entry.decision {
        case .allowed(let integration, let rule, let value): reason = "\(integration) / \(rule) / \(value)"
        case .denied(let message): reason = message
        }
        context.recordEgress(
            EgressEvent(
                time: entry.time, method: entry.method.rawValue, url: entry.url, hostPort: entry.hostPort, allowed: entry.isAllowed,
                reason: reason, mappedTo: entry.mappedTo, hop: entry.hop, status: entry.status, bytesSent: entry.bytesSent,
                bytesReceived: entry.bytesReceived,
                durationMilliseconds: Int(entry.duration.components.seconds * 1000 + entry.duration.components.attoseconds / 1_000_000_000_000_000),
                error: entry.error))
    }
}
