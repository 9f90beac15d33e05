#!/usr/bin/env bash
# Fails when a source file includes across the one-way rule of DESIGN.md §2.
# Usage: check_module_includes.sh REPO_ROOT
set -u
root=${1:?repo root}
cd "$root" || exit 2
status=0

# folder, forbidden include pattern (extended regex on the included path), what it means
check() {
  local folder=$1 pattern=$2 what=$3
  [ -d "$folder" ] || return 0
  local hits
  hits=$(grep -rnE --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.c' \
           "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$folder")
  if [ -n "$hits" ]; then
    echo "$folder/ must not include $what:"
    echo "$hits" | sed 's/^/    /'
    status=1
  fi
}

check include  'vulkan/|openxr/|torch/|ATen/|libav|imgui|GLFW/|spng|nlohmann|spdlog|fmt/|model/|media/|net/|renderer/|xr/|app/' \
               'anything but the standard library and glm'
check model    'vulkan/|openxr/|libav|imgui|GLFW/|media/|net/|renderer/|xr/|app/' 'Vulkan, OpenXR, FFmpeg, ImGui or other modules'
check media    'vulkan/|openxr/|torch/|ATen/|imgui|GLFW/|model/|net/|renderer/|xr/|app/' 'Vulkan, OpenXR, LibTorch, ImGui or other modules'
check net      'vulkan/|openxr/|torch/|ATen/|imgui|GLFW/|model/|renderer/|xr/|app/' 'Vulkan, OpenXR, LibTorch, ImGui or modules other than media'
check renderer 'openxr/|torch/|ATen/|libav|GLFW/|model/|media/|net/|xr/|app/' 'OpenXR, LibTorch, FFmpeg, GLFW or other modules'
check xr       'torch/|ATen/|libav|imgui|GLFW/|model/|media/|net/|renderer/|app/' 'LibTorch, FFmpeg, ImGui or other modules'
check capi     'openxr/|xr/|GLFW/|imgui' 'OpenXR, windows or ImGui (hosts embed it without them)'

[ $status -eq 0 ] && echo "module include rule: every module stays in its room"
exit $status
