#pragma once
#include <cstdint>

namespace otlpx {
// Opens a counter for the calling thread; fd >= 0 or -errno.
int perfOpen(uint32_t type, uint64_t config);
// Current value (>= 0) or -errno.
double perfRead(int fd);
int perfClose(int fd);
}  // namespace otlpx
