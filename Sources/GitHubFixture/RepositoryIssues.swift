// RepositoryIssues: one repository's issues without storing them. Issue n is computed from n: its
// creation time from the batch it was added in, its update time a fixed lag later, its state from
// n (every `closedEvery`-th is closed). Only issues the controller changed are stored, as a small
// map of changes. A page of a filtered, sorted listing is found by arithmetic and binary search
// over n, so page 1,000 of 100,000 issues costs what page 1 costs, and nothing is held in memory
// between requests.
//
// Why this works: a generated issue's created_at and updated_at both grow strictly with n, so the
// unchanged issues that pass a filter are a run of numbers with some removed (those of another
// state, those changed), in the same order under either sort. The changed issues are few; the
// listing is the merge of the two, and the position of each changed issue in that merge is counted,
// not walked to. IssueListingTests compares it with a brute-force sort on many shapes.

extension GitHubFixture.IssueState {
    /// Whether an issue in this state passes the `state` filter.
    func passes(_ filter: IssueQuery.StateFilter) -> Bool {
        filter == .all || filter.rawValue == rawValue
    }
}

struct RepositoryIssues: Sendable {
    /// The stored part of an issue the controller changed.
    struct Change: Sendable, Equatable {
        var title: String?
        var state: GitHubFixture.IssueState?
        var updatedAt: Int
    }

    /// What an issue is now, before it is rendered with URLs.
    struct Record: Sendable, Equatable {
        var number: Int
        var title: String?
        var state: GitHubFixture.IssueState
        var createdAt: Int
        var updatedAt: Int
    }

    /// Issues `first…` (up to the next batch) were created `interval` apart, the first one
    /// `interval` after `origin`.
    private struct Batch: Sendable {
        var first: Int
        var origin: Int
    }

    let owner: String
    let name: String
    /// A number derived from the full name alone, so issue ids do not depend on the order of the
    /// configured repositories.
    let key: Int
    private(set) var count: Int
    private(set) var changes: [Int: Change] = [:]
    private var batches: [Batch]
    private let interval: Int
    private let lag: Int
    private let closedEvery: Int

    init(_ repository: GitHubFixture.Repository, configuration: GitHubFixture.Configuration) {
        owner = repository.owner
        name = repository.name
        count = repository.issueCount
        interval = configuration.secondsBetweenIssues
        lag = configuration.secondsUntilUpdate
        closedEvery = configuration.closedEvery
        batches = [Batch(first: 1, origin: Int(configuration.epoch.timeIntervalSince1970.rounded(.down)))]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in repository.fullName.lowercased().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        key = Int(hash % 100_000) + 1
    }

    var fullName: String { "\(owner)/\(name)" }

    // MARK: - One issue

    func createdAt(_ number: Int) -> Int {
        let batch = batches.last { $0.first <= number } ?? batches[0]
        return batch.origin + (number - batch.first + 1) * interval
    }

    func generatedUpdatedAt(_ number: Int) -> Int { createdAt(number) + lag }

    func generatedState(_ number: Int) -> GitHubFixture.IssueState {
        closedEvery > 0 && number % closedEvery == 0 ? .closed : .open
    }

    func record(_ number: Int) -> Record? {
        guard number >= 1, number <= count else { return nil }
        let change = changes[number]
        return Record(
            number: number, title: change?.title, state: change?.state ?? generatedState(number),
            createdAt: createdAt(number), updatedAt: change?.updatedAt ?? generatedUpdatedAt(number))
    }

    /// The latest instant anything in the repository happened: a change comes a minute after it.
    var lastActivity: Int {
        let generated = count > 0 ? generatedUpdatedAt(count) : batches[batches.count - 1].origin
        return max(generated, changes.values.map(\.updatedAt).max() ?? generated)
    }

    // MARK: - Changes

    /// Retitles and/or reopens or closes issue `number`, and bumps its updated_at past everything
    /// else in the repository. False when there is no such issue.
    mutating func change(_ number: Int, title: String?, state: GitHubFixture.IssueState?) -> Bool {
        guard let record = record(number) else { return false }
        let updatedAt = lastActivity + 60
        changes[number] = Change(title: title ?? record.title, state: state ?? changes[number]?.state, updatedAt: updatedAt)
        return true
    }

    /// Adds `newIssues` issues created after everything so far; returns their numbers.
    mutating func add(_ newIssues: Int) -> Range<Int> {
        guard newIssues > 0 else { return (count + 1)..<(count + 1) }
        batches.append(Batch(first: count + 1, origin: lastActivity))
        count += newIssues
        return (count - newIssues + 1)..<(count + 1)
    }

    // MARK: - Listing

    /// The numbers of the issues at positions `offset ..< offset + limit` of the listing that
    /// `filter` describes, and how many issues that listing has in all.
    func list(_ filter: IssueQuery.Filter, offset: Int, limit: Int) -> (numbers: [Int], total: Int) {
        let since = filter.since ?? Int.min
        // Unchanged issues that pass the filter: numbers in `lowest…count` of the right state,
        // less the changed ones. Generated updated_at grows with n, so `since` cuts a prefix.
        let lowest = firstNumber(from: 1, through: count + 1) { generatedUpdatedAt($0) >= since }
        let removed = changes.keys.filter { $0 >= lowest && generatedState($0).passes(filter.state) }.sorted()
        func unchangedCount(through last: Int) -> Int {
            let last = min(last, count)
            guard last >= lowest else { return 0 }
            return generatedCount(lowest, last, filter.state) - removed.count { $0 <= last }
        }
        // Changed issues that pass the filter, in ascending sort order (ties by number).
        func sortKey(_ number: Int) -> Int {
            filter.sort == .updated ? generatedUpdatedAt(number) : createdAt(number)
        }
        let changed: [(key: Int, number: Int)] = changes.compactMap { number, change in
            guard (change.state ?? generatedState(number)).passes(filter.state), change.updatedAt >= since else { return nil }
            return (filter.sort == .updated ? change.updatedAt : createdAt(number), number)
        }.sorted { ($0.key, $0.number) < ($1.key, $1.number) }
        // Where each changed issue falls in the merged ascending order.
        let changedPositions = changed.enumerated().map { index, issue in
            let firstAfter = firstNumber(from: lowest, through: count + 1) { (sortKey($0), $0) >= (issue.key, issue.number) }
            return index + unchangedCount(through: firstAfter - 1)
        }
        let total = unchangedCount(through: count) + changed.count
        guard offset < total, limit > 0 else { return ([], total) }
        var numbers: [Int] = []
        numbers.reserveCapacity(min(limit, total - offset))
        for position in offset..<min(offset + limit, total) {
            let ascending = filter.direction == .ascending ? position : total - 1 - position
            if let index = changedPositions.firstIndex(of: ascending) {
                numbers.append(changed[index].number)
            } else {
                let rank = ascending - changedPositions.count { $0 < ascending }
                numbers.append(unchangedNumber(rank: rank, from: lowest, skipping: removed, state: filter.state))
            }
        }
        return (numbers, total)
    }

    /// The `rank`-th (from 0) number from `first` on whose generated state passes `state` and
    /// that is not in `skipping` (ascending, all of the right state).
    private func unchangedNumber(rank: Int, from first: Int, skipping: [Int], state: IssueQuery.StateFilter) -> Int {
        func nthGenerated(_ rank: Int, from start: Int) -> Int {
            firstNumber(from: start, through: count + 1) { generatedCount(start, $0, state) > rank }
        }
        var number = nthGenerated(rank, from: first)
        for skipped in skipping {
            guard skipped <= number else { break }
            number = nthGenerated(0, from: number + 1)
        }
        return number
    }

    /// How many numbers in `first…last` have a generated state that passes `state`.
    private func generatedCount(_ first: Int, _ last: Int, _ state: IssueQuery.StateFilter) -> Int {
        guard last >= first else { return 0 }
        let all = last - first + 1
        let closed = closedEvery > 0 ? last / closedEvery - (first - 1) / closedEvery : 0
        switch state {
        case .all: return all
        case .closed: return closed
        case .open: return all - closed
        }
    }

    /// The smallest n in `low…high` for which `holds` is true, given that it is false up to some
    /// point and true after it; `high` when it holds nowhere below `high`.
    private func firstNumber(from low: Int, through high: Int, where holds: (Int) -> Bool) -> Int {
        var low = low
        var high = high
        while low < high {
            let middle = low + (high - low) / 2
            if holds(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
