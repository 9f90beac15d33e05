#include "model/runtime_info.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <link.h>
#include <torch/csrc/api/include/torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

namespace wv::model {
namespace {

// The first loaded shared library whose file name says it provides BLAS.
std::string find_loaded_blas() {
  std::string found;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        const std::string path = info->dlpi_name ? info->dlpi_name : "";
        const std::string file = std::filesystem::path(path).filename().string();
        if (file.find("blas") != std::string::npos || file.find("blis") != std::string::npos ||
            file.find("mkl_rt") != std::string::npos) {
          *static_cast<std::string*>(out) = path;
          return 1;
        }
        return 0;
      },
      &found);
  if (found.empty()) return found;
  std::error_code ec;
  const auto resolved = std::filesystem::canonical(found, ec);
  return ec ? found : resolved.string();
}

std::string describe_blas(const std::string& path, bool* out_is_reference) {
  *out_is_reference = false;
  // OpenBLAS names itself, version and threading model included.
  using ConfigFn = char* (*)();
  if (auto config = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"))) {
    std::string text = config();
    if (path.find("openmp") != std::string::npos) text += " (OpenMP)";
    else if (path.find("pthread") != std::string::npos) text += " (pthreads)";
    return text;
  }
  if (path.find("blis") != std::string::npos) return "BLIS";
  if (path.find("mkl") != std::string::npos) return "Intel MKL";
  if (path.find("atlas") != std::string::npos) return "ATLAS";
  if (path.empty()) return "none found (LibTorch's own kernels)";
  *out_is_reference = true;
  return "reference BLAS (netlib)";
}

double time_matmul_512_gflops() {
  at::manual_seed(0);
  const at::Tensor a = at::randn({512, 512});
  const at::Tensor b = at::randn({512, 512});
  at::Tensor c = at::mm(a, b);  // warm-up: first call pays for thread and buffer set-up
  double best_s = 1e9;
  for (int i = 0; i < 10; ++i) {
    const auto start = std::chrono::steady_clock::now();
    at::mm_out(c, a, b);
    best_s = std::min(best_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return 2.0 * 512.0 * 512.0 * 512.0 / best_s * 1e-9;
}

}  // namespace

void configure_threads(const ThreadParams& params) {
  at::set_num_threads(std::max(1, params.intra_op));
  static bool inter_op_set = false;  // LibTorch allows setting the inter-op pool once
  if (!inter_op_set) {
    at::set_num_interop_threads(std::max(1, params.inter_op));
    inter_op_set = true;
  }
}

RuntimeReport measure_runtime() {
  RuntimeReport report;
  report.torch_version = TORCH_VERSION;
  report.blas_path = find_loaded_blas();
  report.blas_name = describe_blas(report.blas_path, &report.blas_is_reference);
  report.intra_op_threads = at::get_num_threads();
  report.inter_op_threads = at::get_num_interop_threads();
  const char* wait_policy = std::getenv("OMP_WAIT_POLICY");
  report.omp_wait_policy = wait_policy ? wait_policy : "";

  // Measure on one thread so the figure means the same on every machine; restore afterwards.
  const int threads = report.intra_op_threads;
  at::set_num_threads(1);
  report.matmul_512_gflops = time_matmul_512_gflops();
  at::set_num_threads(threads);
  return report;
}

}  // namespace wv::model
