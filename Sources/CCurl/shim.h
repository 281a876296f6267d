// libcurl for the egress client; only Egress/CurlTransport.swift imports this module.
//
// libcurl is not linked: it is opened with dlopen the first time a request is sent. Linked, its
// thirty-odd libraries (TLS, Kerberos, LDAP, SSH, IDN…) were mapped, relocated and initialized
// by every process at start-up, about 6 ms of a 20 ms `snowsql -q 'select 1'`, for the rare
// procedure that reaches the network. Only curl.h's types and constants are used at compile time;
// the functions are called through the table snowlite_curl_load fills.
//
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. These wrappers
// give each kind of argument (long, pointer, string, callback) its own typed function. The
// protocol restriction hides the one version difference we care about: CURLOPT_PROTOCOLS_STR
// exists from libcurl 7.85, the older bit mask before it.
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdlib.h>

typedef size_t (*snowlite_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// The libcurl functions the transport calls, found in the library snowlite_curl_load opened.
typedef struct snowlite_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
    void (*slist_free_all)(struct curl_slist *list);
    /// What curl_global_init (default flags) returned.
    CURLcode global_init_code;
} snowlite_curl_api;

/// Opens libcurl, finds its functions and runs curl_global_init: a table that is never freed, or
/// NULL when the library or one of its functions is missing. The Swift side calls it once, before
/// any handle, and not concurrently with anything else in libcurl.
static inline const snowlite_curl_api *snowlite_curl_load(void) {
#if defined(__APPLE__)
    const char *names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib", NULL};
#else
    const char *names[] = {"libcurl.so.4", "libcurl.so", NULL};
#endif
    void *library = NULL;
    for (int i = 0; names[i] != NULL && library == NULL; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return NULL;
    snowlite_curl_api *api = (snowlite_curl_api *)calloc(1, sizeof(snowlite_curl_api));
    if (api == NULL) return NULL;
    // dlsym returns an object pointer; converting it to a function pointer is what POSIX specifies.
    *(void **)&api->global_init = dlsym(library, "curl_global_init");
    *(void **)&api->easy_init = dlsym(library, "curl_easy_init");
    *(void **)&api->easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&api->easy_reset = dlsym(library, "curl_easy_reset");
    *(void **)&api->easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&api->easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&api->easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&api->easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&api->slist_append = dlsym(library, "curl_slist_append");
    *(void **)&api->slist_free_all = dlsym(library, "curl_slist_free_all");
    if (!api->global_init || !api->easy_init || !api->easy_cleanup || !api->easy_reset || !api->easy_perform
        || !api->easy_setopt || !api->easy_getinfo || !api->easy_strerror || !api->slist_append || !api->slist_free_all) {
        free(api);
        return NULL;
    }
    api->global_init_code = api->global_init(CURL_GLOBAL_DEFAULT);
    return api;
}

static inline CURL *snowlite_curl_easy_init(const snowlite_curl_api *api) { return api->easy_init(); }
static inline void snowlite_curl_easy_cleanup(const snowlite_curl_api *api, CURL *handle) { api->easy_cleanup(handle); }
static inline void snowlite_curl_easy_reset(const snowlite_curl_api *api, CURL *handle) { api->easy_reset(handle); }
static inline CURLcode snowlite_curl_easy_perform(const snowlite_curl_api *api, CURL *handle) { return api->easy_perform(handle); }
static inline const char *snowlite_curl_easy_strerror(const snowlite_curl_api *api, CURLcode code) { return api->easy_strerror(code); }

static inline struct curl_slist *snowlite_curl_slist_append(const snowlite_curl_api *api, struct curl_slist *list, const char *line) {
    return api->slist_append(list, line);
}

static inline void snowlite_curl_slist_free_all(const snowlite_curl_api *api, struct curl_slist *list) { api->slist_free_all(list); }

static inline CURLcode snowlite_curl_setopt_long(const snowlite_curl_api *api, CURL *handle, CURLoption option, long value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_string(const snowlite_curl_api *api, CURL *handle, CURLoption option, const char *value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_pointer(const snowlite_curl_api *api, CURL *handle, CURLoption option, void *value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_off(const snowlite_curl_api *api, CURL *handle, CURLoption option, curl_off_t value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_setopt_slist(const snowlite_curl_api *api, CURL *handle, CURLoption option, struct curl_slist *value) {
    return api->easy_setopt(handle, option, value);
}

/// For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (same signature).
static inline CURLcode snowlite_curl_setopt_callback(const snowlite_curl_api *api, CURL *handle, CURLoption option,
                                                     snowlite_curl_data_callback value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode snowlite_curl_getinfo_long(const snowlite_curl_api *api, CURL *handle, CURLINFO info, long *value) {
    return api->easy_getinfo(handle, info, value);
}

/// Only http and https, for the first request and (were redirects ever followed) for redirects.
static inline CURLcode snowlite_curl_restrict_to_http(const snowlite_curl_api *api, CURL *handle) {
#if LIBCURL_VERSION_NUM >= 0x075500
    CURLcode code = api->easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (code != CURLE_OK) return code;
    return api->easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    CURLcode code = api->easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    if (code != CURLE_OK) return code;
    return api->easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/// The size of the buffer CURLOPT_ERRORBUFFER writes into.
static inline size_t snowlite_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}
