#include "model/model_trust.h"

#include <filesystem>
#include <system_error>

namespace wv::model {

namespace {

std::filesystem::path resolved(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path).lexically_normal() : p;
}

}  // namespace

Status check_model_trust(const std::string& path, const std::string& sha256, const ModelTrust& trust) {
  if (trust.named_by_user) return Status::success();
  const std::filesystem::path file = resolved(path);
  for (const PinnedModel& pin : trust.pinned) {
    if (resolved(pin.path) != file) continue;
    if (pin.sha256 == sha256) return Status::success();
    return Error{"model '" + path + "' is refused: the trusted-models list pins it to SHA-256 " + pin.sha256 +
                 " but the file's SHA-256 is " + sha256 +
                 " (the file changed since it was trusted; pin the new digest only if you trust the new file)"};
  }
  return Error{"model '" + path +
               "' is refused: TorchScript model files are programs, and this one was neither named by you nor "
               "pinned in the trusted-models list. To trust it, name it on the command line or pin it with its "
               "SHA-256 " + sha256};
}

}  // namespace wv::model
