// model/runtime_info.h — what the inference core runs on: LibTorch version, the BLAS library
// actually loaded, its measured speed, and the thread settings.
//
//   wv::model::configure_threads({.intra_op = 2});
//   wv::model::RuntimeReport r = wv::model::measure_runtime();
//   printf("%s: %.1f GFLOP/s\n", r.blas_name.c_str(), r.matmul_512_gflops);
//
// measure_runtime() takes a few hundred milliseconds (it times matrix products); call it from
// `worldview info` or a benchmark, never from a hot path.
#pragma once

#include <string>

namespace wv::model {

struct ThreadParams {
  int intra_op = 1;  // threads one operator may use (OpenMP)
  int inter_op = 1;  // threads running independent operators
};

// Sets LibTorch's thread pools. Call once at start-up, before any inference; LibTorch refuses
// to change the inter-op pool after it has been used.
void configure_threads(const ThreadParams& params);

struct RuntimeReport {
  std::string torch_version;
  std::string blas_name;      // e.g. "OpenBLAS 0.3.21 (OpenMP)" or "reference BLAS (netlib)"
  std::string blas_path;      // the shared library actually loaded, links resolved
  bool blas_is_reference = false;  // the slow netlib BLAS: 10-50x slower matrix products
  double matmul_512_gflops = 0.0;  // best of several 512x512 float matmuls, one thread
  int intra_op_threads = 0;
  int inter_op_threads = 0;
  std::string omp_wait_policy;  // OMP_WAIT_POLICY as set in the environment ("" if unset)
};

RuntimeReport measure_runtime();

}  // namespace wv::model
