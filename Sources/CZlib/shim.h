// zlib for gzip on stages (PUT's AUTO_COMPRESS); only Engine/Gzip.swift imports this module.
//
// deflateInit2 and inflateInit2 are macros Swift cannot call, so the whole one-shot operation
// lives here: Swift passes buffers in and gets a status back, and never sees a z_stream.
#include <string.h>
#include <zlib.h>

/// An upper bound of the gzip size of `length` bytes (zlib's bound plus the gzip header and trailer).
static inline unsigned long snowlite_gzip_bound(unsigned long length) {
    return compressBound(length) + 18;
}

/// gzips `input` into `output` (capacity `*output_length`, see snowlite_gzip_bound) at the default
/// level, with mtime 0 so equal content gives equal bytes. Returns 0 and sets `*output_length`, or
/// a zlib error code.
static inline int snowlite_gzip(const unsigned char *input, unsigned long input_length,
                                unsigned char *output, unsigned long *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    int status = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) return status;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    stream.next_out = output;
    stream.avail_out = (uInt)*output_length;
    status = deflate(&stream, Z_FINISH);
    *output_length = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? Z_OK : (status == Z_OK ? Z_BUF_ERROR : status);
}

/// Inflates gzip (or zlib) data into `output`. Returns 0 and sets `*output_length`; 1 when the
/// output buffer is too small (call again with a larger one); a negative zlib code for bad data.
static inline int snowlite_gunzip(const unsigned char *input, unsigned long input_length,
                                  unsigned char *output, unsigned long *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    int status = inflateInit2(&stream, 15 + 32);
    if (status != Z_OK) return status;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    stream.next_out = output;
    stream.avail_out = (uInt)*output_length;
    status = inflate(&stream, Z_FINISH);
    *output_length = stream.total_out;
    int out_full = stream.avail_out == 0;
    inflateEnd(&stream);
    if (status == Z_STREAM_END) return 0;
    if (status == Z_BUF_ERROR && out_full) return 1;
    return status == Z_BUF_ERROR || status == Z_OK ? Z_DATA_ERROR : status;
}
