// Transparent huge pages for a big block of the library's own memory.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sbd::detail {

/// Asks the system for transparent huge pages over the 2 MB pages wholly
/// inside [data, data + bytes), for a block of 8 MB or more that is walked
/// out of order or written fresh: its 4 KB pages would otherwise fault in one
/// by one, and each random access miss the TLB. Only advice: nothing changes
/// where the system does not offer huge pages on request.
inline void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 4 * kHuge) return;
  const auto at = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (at + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (at + bytes) & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace sbd::detail
