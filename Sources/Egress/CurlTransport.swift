// CurlTransport: the one place bytes leave the emulator, over libcurl (the only file that imports
// CCurl). A request takes an easy handle, owned by a final class that frees it in deinit, for
// itself alone; afterwards the handle is reset and kept idle for the next request, so its open
// connection is reused: pages fetched one after another go over one connection, as a
// requests.Session would send them, not a new TCP (and TLS) handshake each. A handle is never
// shared by two requests at once, so the transport is safe to share between procedures.
//
// What every request gets, whatever the caller asks: no redirect following (the client checks
// each hop), only http and https, TLS peer and host verification against the system CAs
// (libcurl's default bundle), no proxy from the environment (the physical destination is exactly
// the URL we were given), no signals (safe on any thread), a connect and a total timeout, and a
// cap on the response size.

import CCurl
import Foundation
import Synchronization

/// libcurl, opened (and curl_global_init run, which must happen once before any handle and not
/// concurrently with anything else in libcurl) by the first request: a global is initialized lazily
/// and exactly once, under the runtime's own lock. Processes that send nothing never load it.
private let curl = CurlLibrary()

/// The table of libcurl's functions, filled once and read-only afterwards; nil when libcurl could
/// not be loaded.
private final class CurlLibrary: @unchecked Sendable {
    let api: UnsafePointer<snowlite_curl_api>?

    init() { api = snowlite_curl_load() }
}

public struct CurlTransport: HTTPTransport {
    private let idle = IdleHandles()
    /// Responses larger than this fail with `.responseTooLarge` instead of filling memory.
    public var maxResponseBytes: Int
    /// Sent unless the request has its own `User-Agent` (some APIs, GitHub's among them, refuse
    /// requests without one).
    public var userAgent: String

    public init(maxResponseBytes: Int = 64 << 20, userAgent: String = "Snowlite-Egress") {
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        guard let api = curl.api else { throw HTTPTransportError(.other, "libcurl (libcurl.so.4) could not be loaded.") }
        guard api.pointee.global_init_code == CURLE_OK else { throw HTTPTransportError(.other, "libcurl could not be initialized.") }
        let easy: CurlEasyHandle
        if let kept = idle.take() { easy = kept } else { easy = try CurlEasyHandle(api: api) }
        defer { idle.keep(easy) }
        return try easy.perform(request, maxResponseBytes: maxResponseBytes, userAgent: userAgent)
    }
}

/// The easy handles between requests, with the connections they keep open.
private final class IdleHandles: Sendable {
    private let handles = Mutex<[CurlEasyHandle]>([])
    /// As many as requests that ran at once, up to this; more are freed.
    static let limit = 4

    func take() -> CurlEasyHandle? { handles.withLock { $0.popLast() } }

    func keep(_ handle: CurlEasyHandle) {
        handle.reset()
        handles.withLock { if $0.count < IdleHandles.limit { $0.append(handle) } }
    }
}

// MARK: - The easy handle

/// Collects the response while curl runs; curl calls back with a pointer to it.
private final class ResponseSink {
    let limit: Int
    var body = Data()
    var headers: [HTTPHeader] = []
    var tooLarge = false

    init(limit: Int) { self.limit = limit }
}

/// One CURL easy handle and what it points into, all freed together in deinit. Used by one request
/// at a time (IdleHandles hands it out).
private final class CurlEasyHandle: @unchecked Sendable {
    private let api: UnsafePointer<snowlite_curl_api>
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init(api: UnsafePointer<snowlite_curl_api>) throws(HTTPTransportError) {
        self.api = api
        guard let handle = snowlite_curl_easy_init(api) else { throw HTTPTransportError(.other, "libcurl could not create a handle.") }
        self.handle = handle
        let size = snowlite_curl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        snowlite_curl_slist_free_all(api, headerList)
        snowlite_curl_easy_cleanup(api, handle)
        errorBuffer.deallocate()
    }

    /// Forgets every option of the last request (its headers, URL, body and callbacks); keeps the
    /// handle's open connections for the next one.
    func reset() {
        snowlite_curl_easy_reset(api, handle)
        snowlite_curl_slist_free_all(api, headerList)
        headerList = nil
        errorBuffer[0] = 0
    }

    func perform(_ request: HTTPRequest, maxResponseBytes: Int, userAgent: String) throws(HTTPTransportError) -> HTTPResponse {
        let sink = ResponseSink(limit: maxResponseBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try withExtendedLifetime(sink) { () throws(HTTPTransportError) in
            try configure(request, userAgent: userAgent)
            try check(snowlite_curl_setopt_callback(api, handle, CURLOPT_WRITEFUNCTION, writeBody))
            try check(snowlite_curl_setopt_pointer(api, handle, CURLOPT_WRITEDATA, context))
            try check(snowlite_curl_setopt_callback(api, handle, CURLOPT_HEADERFUNCTION, writeHeader))
            try check(snowlite_curl_setopt_pointer(api, handle, CURLOPT_HEADERDATA, context))
            let code = snowlite_curl_easy_perform(api, handle)
            if sink.tooLarge {
                throw HTTPTransportError(.responseTooLarge, "The response is larger than \(maxResponseBytes) bytes.")
            }
            try check(code)
        }
        var status = 0
        try check(snowlite_curl_getinfo_long(api, handle, CURLINFO_RESPONSE_CODE, &status))
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, url: request.url)
    }

    private func configure(_ request: HTTPRequest, userAgent: String) throws(HTTPTransportError) {
        try check(snowlite_curl_setopt_pointer(api, handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(snowlite_curl_setopt_string(api, handle, CURLOPT_URL, request.url))
        try check(snowlite_curl_restrict_to_http(api, handle))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_FOLLOWLOCATION, 0))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_NOSIGNAL, 1))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_SSL_VERIFYPEER, 1))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_SSL_VERIFYHOST, 2))
        try check(snowlite_curl_setopt_string(api, handle, CURLOPT_PROXY, ""))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout)))
        try check(snowlite_curl_setopt_long(api, handle, CURLOPT_TIMEOUT_MS, milliseconds(request.timeout)))
        try check(snowlite_curl_setopt_string(api, handle, CURLOPT_ACCEPT_ENCODING, ""))
        try check(snowlite_curl_setopt_string(api, handle, CURLOPT_USERAGENT, userAgent))

        if request.method == .connect { throw HTTPTransportError(.other, "A CONNECT is admitted by the egress client, never sent.") }
        switch request.method {
        case .get where request.body == nil: try check(snowlite_curl_setopt_long(api, handle, CURLOPT_HTTPGET, 1))
        case .head: try check(snowlite_curl_setopt_long(api, handle, CURLOPT_NOBODY, 1))
        default: break
        }
        let body = request.body ?? ([.post, .put, .patch].contains(request.method) ? Data() : nil)
        if let body {
            try check(snowlite_curl_setopt_off(api, handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            // COPYPOSTFIELDS copies, so the Data need not outlive this call.
            let code = body.isEmpty
                ? snowlite_curl_setopt_string(api, handle, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { snowlite_curl_setopt_pointer(api, handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(code)
        }
        switch request.method {
        case .put, .patch, .delete: try check(snowlite_curl_setopt_string(api, handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
        case .get where body != nil: try check(snowlite_curl_setopt_string(api, handle, CURLOPT_CUSTOMREQUEST, "GET"))
        default: break
        }

        var lines = request.headers.map { "\($0.name): \($0.value)" }
        // No `Expect: 100-continue` round trip, and no made-up form Content-Type for a body.
        lines.append("Expect:")
        if body != nil, request.header("Content-Type") == nil { lines.append("Content-Type:") }
        for line in lines {
            guard let appended = snowlite_curl_slist_append(api, headerList, line) else {
                throw HTTPTransportError(.other, "libcurl could not store a header.")
            }
            headerList = appended
        }
        try check(snowlite_curl_setopt_slist(api, handle, CURLOPT_HTTPHEADER, headerList))
    }

    private func check(_ code: CURLcode) throws(HTTPTransportError) {
        guard code != CURLE_OK else { return }
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: snowlite_curl_easy_strerror(api, code)) : detail
        switch code {
        case CURLE_OPERATION_TIMEDOUT: throw HTTPTransportError(.timeout, message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            throw HTTPTransportError(.connect, message)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_ISSUER_ERROR:
            throw HTTPTransportError(.tls, message)
        default: throw HTTPTransportError(.other, message)
        }
    }

    private func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

// MARK: - Callbacks (C function pointers: no captures, the sink arrives as `context`)

private func writeBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.body.count + length <= sink.limit else {
        sink.tooLarge = true
        return 0  // anything but `length` makes curl stop with CURLE_WRITE_ERROR
    }
    sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

/// curl passes each header line whole (with its CRLF), the status line of every response first:
/// a new status line starts over, so only the final response's headers remain.
private func writeHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = withoutBlanks(UnsafeRawBufferPointer(start: data, count: length)[...])
    if line.starts(with: "HTTP/".utf8) {
        sink.headers = []
    } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = String(decoding: withoutBlanks(line[(colon + 1)...]), as: UTF8.self)
        sink.headers.append(HTTPHeader(name, value))
    }
    return length
}

/// The bytes without the blanks around a header line and its value (space, tab, CR, LF), read as
/// bytes: a page's headers were a tenth of the lookahead thread's time through Foundation.
private func withoutBlanks(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    var start = bytes.startIndex, end = bytes.endIndex
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    return bytes[start..<end]
}
