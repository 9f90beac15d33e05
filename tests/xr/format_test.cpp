#include "xr/swapchain.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

TEST(SwapchainFormat, TakesTheRuntimesFirstSrgbFormat) {
  const std::vector<int64_t> runtime{VK_FORMAT_R16G16B16A16_SFLOAT, VK_FORMAT_R8G8B8A8_UNORM,
                                     VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB};
  EXPECT_EQ(wv::xr::choose_color_format(runtime), VK_FORMAT_B8G8R8A8_SRGB);
}

TEST(SwapchainFormat, FallsBackToUnormThenToNothing) {
  const std::vector<int64_t> unorm{VK_FORMAT_R16G16B16A16_SFLOAT, VK_FORMAT_B8G8R8A8_UNORM};
  EXPECT_EQ(wv::xr::choose_color_format(unorm), VK_FORMAT_B8G8R8A8_UNORM);
  const std::vector<int64_t> none{VK_FORMAT_R16G16B16A16_SFLOAT};
  EXPECT_EQ(wv::xr::choose_color_format(none), VK_FORMAT_UNDEFINED);
}

}  // namespace
