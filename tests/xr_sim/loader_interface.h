// tests/xr_sim/loader_interface.h — the loader <-> runtime negotiation structures.
//
// The OpenXR loader 1.0.20 headers Debian ships do not install loader_interfaces.h (newer SDKs
// ship openxr_loader_negotiation.h), so the layout is written out here from the loader's runtime
// interface specification ("Runtime Interaction" in the OpenXR loader document). The loader
// passes these by pointer to xrNegotiateLoaderRuntimeInterface, so only their layout matters.
#pragma once

#include <openxr/openxr.h>

#include <cstddef>
#include <cstdint>

extern "C" {

enum XrLoaderInterfaceStructs {
  XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO,
};

constexpr uint32_t kLoaderInfoStructVersion = 1;   // XR_LOADER_INFO_STRUCT_VERSION
constexpr uint32_t kRuntimeInfoStructVersion = 1;  // XR_RUNTIME_INFO_STRUCT_VERSION
constexpr uint32_t kLoaderRuntimeVersion = 1;      // XR_CURRENT_LOADER_RUNTIME_VERSION

struct XrNegotiateLoaderInfo {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO
  uint32_t structVersion;
  size_t structSize;
  uint32_t minInterfaceVersion;
  uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
};

struct XrNegotiateRuntimeRequest {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST
  uint32_t structVersion;
  size_t structSize;
  uint32_t runtimeInterfaceVersion;  // out
  XrVersion runtimeApiVersion;       // out
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;  // out
};

}  // extern "C"
