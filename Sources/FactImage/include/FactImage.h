#ifndef IIJQ_FACT_IMAGE_H
#define IIJQ_FACT_IMAGE_H

#include <stddef.h>

/// The embedded fact base compiled into an image (`FactImage` in IIJQ) when iijq is built: the
/// `CompileFacts` plugin runs the fact loader over Sources/FactBase and writes its bytes into a C
/// string, so they are in the binary, ready to read, with nothing to parse or decode first.
/// Sets `size` to the image's length and returns its first byte (aligned to 16).
const unsigned char *iijq_fact_image(size_t *size);

#endif
