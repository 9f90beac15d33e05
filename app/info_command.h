// app/info_command.h — `worldview info`: what this build uses and what this machine offers
// (dependency versions, Vulkan devices, OpenXR runtime, BLAS and its speed, threads).
#pragma once

namespace CLI {
class App;
}

namespace wv::app {

// Adds the `info` subcommand to `cli`; main runs run_info() when it was given.
CLI::App* add_info_command(CLI::App& cli);

// Prints the report to stdout; returns the process exit code.
int run_info();

}  // namespace wv::app
