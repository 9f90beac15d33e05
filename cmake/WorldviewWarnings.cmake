# wv_set_warnings(target): the project's warning set, errors in CI (WV_WERROR), and sanitizers.
function(wv_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible overlaps in inlined std::string concatenation (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(WV_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(WV_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # Mesa's lavapipe and its LLVM JIT leak small blocks that LeakSanitizer cannot attribute (the
  # JIT code has no unwind info), and the OpenXR loader keeps blocks past xrDestroyInstance, so
  # tests that run Vulkan skip leak checks; the Vulkan validation layer and OpenXR core
  # validation report any object of ours left alive at destruction.
  set(WV_SANITIZER_VULKAN_ENV "ASAN_OPTIONS=set:detect_leaks=0")  # an ENVIRONMENT_MODIFICATION
endif()
