// model/model_trust.h — whether an external model file may run. TorchScript files are programs
// (PyTorch's security policy: treat a model file like code), so a file loads only when the user
// named it themselves (e.g. on the command line) or it is pinned by SHA-256 in the trusted-models
// list; a workspace merely referencing a file is never enough.
//
//   ModelTrust trust{.named_by_user = args.model_given};
//   Status ok = check_model_trust("models/oasis.pt", sha256_hex(bytes), trust);
//   if (!ok) { log_error(ok.error().message); return; }   // says how to trust it
//
// Pure function of its inputs apart from resolving paths; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "wv/result.h"

namespace wv::model {

struct PinnedModel {
  std::string path;    // the model file; compared after resolving "." , ".." and links
  std::string sha256;  // lower-case hex, as sha256sum prints it
};

struct ModelTrust {
  bool named_by_user = false;       // the user named this very file (command line)
  std::vector<PinnedModel> pinned;  // the trusted-models list
};

// Allowed when named_by_user, or when `path` is pinned with exactly `sha256`. Errors name the
// file, why it is refused, and how to trust it (with its digest, ready to pin); a pin mismatch
// names both digests.
Status check_model_trust(const std::string& path, const std::string& sha256, const ModelTrust& trust);

}  // namespace wv::model
