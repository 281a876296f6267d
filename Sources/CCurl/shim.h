// libcurl for the egress client; only Egress/CurlTransport.swift imports this module.
//
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. These wrappers
// give each kind of argument (long, pointer, string, callback) its own typed function. The
// protocol restriction hides the one version difference we care about: CURLOPT_PROTOCOLS_STR
// exists from libcurl 7.85, the older bit mask before it.
#include <curl/curl.h>

typedef size_t (*snowlite_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// curl_global_init with the default flags; the Swift side calls it once, before any handle.
static inline CURLcode snowlite_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline CURLcode snowlite_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (same signature).
static inline CURLcode snowlite_curl_setopt_callback(CURL *handle, CURLoption option, snowlite_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Only http and https, for the first request and (were redirects ever followed) for redirects.
static inline CURLcode snowlite_curl_restrict_to_http(CURL *handle) {
#if LIBCURL_VERSION_NUM >= 0x075500
    CURLcode code = curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    CURLcode code = curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/// The size of the buffer CURLOPT_ERRORBUFFER writes into.
static inline size_t snowlite_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}
