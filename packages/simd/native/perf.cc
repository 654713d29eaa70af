// perf_event_open(2) counters of the calling thread (pid 0, any CPU). Each counter is its own fd,
// read as a plain u64. Errors come back as -errno so JS can explain them (ENOENT: the event does
// not exist here, e.g. hardware events on a VM without a PMU; EACCES/EPERM: perf_event_paranoid).
#include "perf.h"
#include <cerrno>
#if defined(__linux__)
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cstring>
#endif

namespace otlpx {

int perfOpen(uint32_t type, uint64_t config) {
#if defined(__linux__)
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  attr.type = type;
  attr.config = config;
  attr.exclude_hv = 1;
  long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  if (fd < 0 && (errno == EACCES || errno == EPERM)) {
    // perf_event_paranoid >= 2 allows user-space-only counting of the own thread.
    attr.exclude_kernel = 1;
    fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  }
  return fd < 0 ? -errno : static_cast<int>(fd);
#else
  (void)type;
  (void)config;
  return -ENOSYS;
#endif
}

double perfRead(int fd) {
#if defined(__linux__)
  uint64_t value = 0;
  const ssize_t got = read(fd, &value, sizeof(value));
  if (got != static_cast<ssize_t>(sizeof(value))) return got < 0 ? -static_cast<double>(errno) : -static_cast<double>(EIO);
  return static_cast<double>(value);
#else
  (void)fd;
  return -static_cast<double>(ENOSYS);
#endif
}

int perfClose(int fd) {
#if defined(__linux__)
  return close(fd) == 0 ? 0 : -errno;
#else
  (void)fd;
  return -ENOSYS;
#endif
}

}  // namespace otlpx
