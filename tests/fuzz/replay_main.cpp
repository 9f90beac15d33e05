// Replays every file of the given folders (or files) through LLVMFuzzerTestOneInput, so a
// fuzz target's corpus is a regression test even where libFuzzer is not available. With
// `--mutate SECONDS` it then fuzzes for that long: inputs made from the corpus by random byte
// edits (flip a bit, set a byte, insert, delete, duplicate, cut, splice two inputs), the same
// sequence every run (a fixed seed), so a crash found here replays. This is CTest's fuzz smoke;
// a clang build with -DWV_FUZZ=ON runs the real libFuzzer for longer.
//
//   fuzz_workspace corpus/fuzz_workspace --mutate 3
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

// The input being run, for the crash handler: it writes it to fuzz-smoke-crash.bin in the
// working folder (CTest's: the build's tests/fuzz), to replay with `fuzz_x fuzz-smoke-crash.bin`.
const Bytes* g_running = nullptr;

void on_crash(int signal) {
  if (g_running) {
    const int fd = ::open("fuzz-smoke-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] ssize_t n = ::write(fd, g_running->data(), g_running->size());
      ::close(fd);
    }
    static const char message[] = "fuzz smoke: crashed; the input is in fuzz-smoke-crash.bin\n";
    [[maybe_unused]] ssize_t n = ::write(2, message, sizeof message - 1);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

Bytes read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n == 0 ? 0 : size_t(next() % n); }
};

// One random edit of `in`; `other` is another corpus input to splice from.
Bytes mutate(Bytes in, const Bytes& other, SplitMix& rng) {
  constexpr size_t kMaxSize = 1 << 20;
  const size_t at = rng.below(in.size() + 1);
  switch (rng.below(7)) {
    case 0:
      if (!in.empty()) in[rng.below(in.size())] ^= uint8_t(1u << rng.below(8));
      break;
    case 1:
      if (!in.empty()) in[rng.below(in.size())] = uint8_t(rng.next());
      break;
    case 2: {  // insert random bytes
      Bytes extra(1 + rng.below(16));
      for (uint8_t& b : extra) b = uint8_t(rng.next());
      in.insert(in.begin() + long(at), extra.begin(), extra.end());
      break;
    }
    case 3:  // delete a range
      in.erase(in.begin() + long(at), in.begin() + long(at + rng.below(in.size() - at + 1)));
      break;
    case 4: {  // duplicate a range
      const size_t n = rng.below(in.size() - at + 1);
      const Bytes range(in.begin() + long(at), in.begin() + long(at + n));
      in.insert(in.begin() + long(at + n), range.begin(), range.end());
      break;
    }
    case 5:  // cut the end off
      in.resize(at);
      break;
    default: {  // this input's start, the other's end
      const size_t from = rng.below(other.size() + 1);
      in.resize(at);
      in.insert(in.end(), other.begin() + long(from), other.end());
      break;
    }
  }
  if (in.size() > kMaxSize) in.resize(kMaxSize);
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Bytes> corpus;
  double mutate_s = 0.0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mutate" && i + 1 < argc) {
      mutate_s = std::atof(argv[++i]);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) corpus.push_back(read_bytes(entry.path()));
      }
    } else {
      corpus.push_back(read_bytes(arg));
    }
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "replay: no inputs found\n");
    return 1;
  }
  for (const Bytes& input : corpus) LLVMFuzzerTestOneInput(input.data(), input.size());
  std::printf("replay: %zu inputs ran without a crash\n", corpus.size());
  if (mutate_s <= 0.0) return 0;

  for (int signal : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) std::signal(signal, on_crash);
  SplitMix rng{0x5EEDF00Dull};
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(mutate_s);
  long runs = 0;
  while (std::chrono::steady_clock::now() < end) {
    Bytes input = corpus[rng.below(corpus.size())];
    const size_t edits = 1 + rng.below(4);
    for (size_t k = 0; k < edits; ++k) input = mutate(std::move(input), corpus[rng.below(corpus.size())], rng);
    g_running = &input;
    LLVMFuzzerTestOneInput(input.data(), input.size());
    g_running = nullptr;
    ++runs;
  }
  std::printf("fuzz smoke: %ld mutated inputs in %.1f s ran without a crash\n", runs, mutate_s);
  return 0;
}
