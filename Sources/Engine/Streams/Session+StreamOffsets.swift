// Session+StreamOffsets: when a stream's offset moves. Only a DML statement that reads a stream
// consumes it (INSERT, UPDATE, DELETE, MERGE, CREATE TABLE … AS SELECT): on its own the offset moves
// to the end the statement read up to, in the statement's transaction; inside BEGIN … COMMIT it moves
// at COMMIT and never at ROLLBACK. A plain SELECT, SYSTEM$STREAM_HAS_DATA and DESCRIBE never move it.
// Within an explicit transaction every statement sees a stream at the end its first read took
// (repeatable read, as Snowflake documents for streams), even after DML on its table.
// https://docs.snowflake.com/en/user-guide/streams-intro#repeatable-read-isolation

import GRDB

/// A session's stream reads: those of the running DML statement, and the explicit transaction's.
final class StreamSessionState {
    /// A stream read up to a log position.
    struct Read {
        var stream: StreamDefinition
        var end: Int64
    }

    /// The reads of the running DML statement; nil when none is collecting them.
    var statementReads: [Read]?
    /// In an explicit transaction: the end each stream (by id) was first read at.
    var transactionEnds: [String: Int64] = [:]
    /// In an explicit transaction: what its DML statements consumed, applied at COMMIT.
    var consumed: [String: Read] = [:]

    /// Forgets the explicit transaction's reads (at BEGIN, ROLLBACK and after COMMIT).
    func endTransaction() {
        transactionEnds = [:]
        consumed = [:]
    }
}

extension Session {
    /// The end a stream is read up to now: the table's newest change, or inside an explicit
    /// transaction the end of its first read there.
    func streamReadEnd(_ stream: StreamDefinition, catalog: Catalog) throws -> Int64 {
        if inExplicitTransaction, let end = streams.transactionEnds[stream.id] { return end }
        let end = try catalog.changePosition(stream.tracking)
        if inExplicitTransaction { streams.transactionEnds[stream.id] = end }
        return end
    }

    /// Notes a read of `stream` for the DML statement collecting reads, if any.
    func noteStreamRead(_ stream: StreamDefinition, end: Int64) {
        streams.statementReads?.append(StreamSessionState.Read(stream: stream, end: end))
    }

    /// Writes the offsets the explicit transaction's DML consumed, inside it, just before COMMIT.
    func commitStreamOffsets(_ db: Database) throws {
        let catalog = Catalog(db: db, temporaryScope: temporaryScope)
        let time = clock()
        for read in streams.consumed.values.sorted(by: { $0.stream.id < $1.stream.id }) {
            try catalog.advanceStream(read.stream, to: read.end, at: time)
        }
        streams.endTransaction()
    }
}

extension Executor {
    /// Runs a DML statement; the streams it read are consumed when it succeeds: their offsets move
    /// now, or at COMMIT inside an explicit transaction.
    func consumingStreams(_ body: () throws -> ResultSet) throws -> ResultSet {
        let state = session.streams
        let saved = state.statementReads
        state.statementReads = []
        defer { state.statementReads = saved }
        let result = try body()
        for read in state.statementReads ?? [] {
            if session.inExplicitTransaction {
                state.consumed[read.stream.id] = read
            } else {
                try catalog.advanceStream(read.stream, to: read.end, at: session.statementTime)
            }
        }
        return result
    }
}
