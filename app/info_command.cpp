#include "app/info_command.h"

#include <CLI/CLI.hpp>
#include <glm/glm.hpp>
#include <openxr/openxr.h>
#include <spdlog/version.h>
#include <spng.h>
#include <vulkan/vulkan.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

#include "app/model_catalog.h"
#include "app/version.h"
#include "model/runtime_info.h"
#include "renderer/devices.h"
#include "xr/runtime_probe.h"

namespace wv::app {
namespace {

std::string av_version(unsigned v) {
  return std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) + "." +
         std::to_string(AV_VERSION_MICRO(v));
}

void print_dependencies(const model::RuntimeReport& runtime) {
  uint32_t vulkan_loader = VK_API_VERSION_1_0;
  vkEnumerateInstanceVersion(&vulkan_loader);
  std::printf("Dependencies\n");
  std::printf("  Vulkan loader     %s (headers %d.%d.%d)\n", renderer::api_version_string(vulkan_loader).c_str(),
              VK_API_VERSION_MAJOR(VK_HEADER_VERSION_COMPLETE), VK_API_VERSION_MINOR(VK_HEADER_VERSION_COMPLETE),
              VK_HEADER_VERSION);
  std::printf("  OpenXR            %d.%d.%d (headers and loader)\n", XR_VERSION_MAJOR(XR_CURRENT_API_VERSION),
              XR_VERSION_MINOR(XR_CURRENT_API_VERSION), XR_VERSION_PATCH(XR_CURRENT_API_VERSION));
  std::printf("  LibTorch          %s\n", runtime.torch_version.c_str());
  std::printf("  FFmpeg            %s (libavcodec %s, libavformat %s, libswscale %s)\n", av_version_info(),
              av_version(avcodec_version()).c_str(), av_version(avformat_version()).c_str(),
              av_version(swscale_version()).c_str());
  std::printf("  libspng           %d.%d.%d\n", SPNG_VERSION_MAJOR, SPNG_VERSION_MINOR, SPNG_VERSION_PATCH);
  std::printf("  glm               %d.%d.%d\n", GLM_VERSION_MAJOR, GLM_VERSION_MINOR, GLM_VERSION_PATCH);
  std::printf("  nlohmann_json     %d.%d.%d\n", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
              NLOHMANN_JSON_VERSION_PATCH);
  std::printf("  CLI11             %s\n", CLI11_VERSION);
  std::printf("  spdlog            %d.%d.%d\n", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH);
}

void print_vulkan_devices() {
  std::printf("Vulkan devices\n");
  auto devices = renderer::list_vulkan_devices();
  if (!devices) {
    std::printf("  none: %s\n", devices.error().message.c_str());
    return;
  }
  for (size_t i = 0; i < devices->size(); ++i) {
    const auto& d = (*devices)[i];
    std::printf("  %zu: %s — %s, Vulkan %s, driver %s %s\n", i, d.name.c_str(), d.type.c_str(),
                renderer::api_version_string(d.api_version).c_str(), d.driver_name.c_str(),
                d.driver_info.c_str());
  }
}

void print_openxr() {
  const xr::RuntimeProbe probe = xr::probe_runtime();
  std::printf("OpenXR\n");
  if (!probe.runtime_available) {
    std::printf("  runtime           not available: %s\n", probe.result_name.c_str());
    if (!probe.advice.empty()) std::printf("                    %s\n", probe.advice.c_str());
    return;
  }
  std::printf("  runtime           %s %s%s\n", probe.runtime_name.c_str(), probe.runtime_version.c_str(),
              probe.vulkan_enable2 ? "" : " (lacks XR_KHR_vulkan_enable2: worldview cannot render to it)");
  if (!probe.headset_available) {
    std::printf("  headset           not available: %s\n", probe.result_name.c_str());
    if (!probe.advice.empty()) std::printf("                    %s\n", probe.advice.c_str());
    return;
  }
  std::printf("  headset           %s (vendor 0x%04x), swapchains up to %ux%u, tracking: %s%s\n",
              probe.system_name.c_str(), probe.vendor_id, probe.max_swapchain_width, probe.max_swapchain_height,
              probe.orientation_tracking ? "orientation" : "none",
              probe.position_tracking ? " + position" : "");
}

void print_inference(const model::RuntimeReport& runtime) {
  std::printf("Inference (CPU)\n");
  std::printf("  BLAS              %s\n", runtime.blas_name.c_str());
  std::printf("                    %s\n", runtime.blas_path.empty() ? "(no BLAS library loaded)" : runtime.blas_path.c_str());
  std::printf("  512x512 matmul    %.1f GFLOP/s (one thread)\n", runtime.matmul_512_gflops);
  if (runtime.blas_is_reference) {
    std::printf("                    this is the slow reference BLAS: run scripts/install-deps.sh to install OpenBLAS\n");
  }
  std::printf("  threads           intra-op %d, inter-op %d, hardware %u, OMP_WAIT_POLICY=%s\n",
              runtime.intra_op_threads, runtime.inter_op_threads, std::thread::hardware_concurrency(),
              runtime.omp_wait_policy.empty() ? "(unset)" : runtime.omp_wait_policy.c_str());
}

// The ids of the models in the model folders, which --model and workspaces can name. TorchScript
// files named on a command line or pinned in the trusted-models list are not read here.
void print_models() {
  std::printf("World models\n");
  ModelCatalog catalog(ModelCatalog::default_folders());
  const std::vector<std::string> ids = catalog.available();
  if (ids.empty()) std::printf("  none found (looked in the asset folders' models/ and $WORLDVIEW_MODELS)\n");
  for (const std::string& id : ids) std::printf("  %s%s\n", id.c_str(), id == kDefaultModelId ? " (default)" : "");
}

}  // namespace

int run_info() {
  std::printf("worldview %s (%s build, %s)\n\n", kVersion, kBuildType, kCompiler);
  const model::RuntimeReport runtime = model::measure_runtime();
  print_dependencies(runtime);
  std::printf("\n");
  print_vulkan_devices();
  std::printf("\n");
  print_openxr();
  std::printf("\n");
  print_inference(runtime);
  std::printf("\n");
  print_models();
  return 0;
}

CLI::App* add_info_command(CLI::App& cli) {
  return cli.add_subcommand(
      "info", "Show dependency versions, Vulkan devices, the OpenXR runtime, BLAS speed and threads, and the world models");
}

}  // namespace wv::app
