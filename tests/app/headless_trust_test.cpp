// End to end: a workspace may use a TorchScript model by id only when the trusted-models list
// pins that file with the digest of its bytes (docs/model-contract.md, "Trust"); a broken list
// is reported with its file and line, and the run goes on without it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "headless_test_util.h"
#include "model/sha256.h"

namespace {

namespace fs = std::filesystem;
using wv::test::decode_all;
using wv::test::output_dir;
using wv::test::run_worldview;

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

std::string sha256_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  return wv::model::sha256_hex({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path path = output_dir() / name;
  std::ofstream(path) << text;
  return path;
}

std::string trusted_list(const std::string& digest) {
  return "{\n  \"format\": \"worldview-trusted-models\",\n  \"version\": 1,\n  \"models\": [\n"
         "    {\"path\": \"" + kFixture + "\", \"sha256\": \"" + digest + "\"}\n  ]\n}\n";
}

// A workspace whose one panel asks for the fixture by id, as a shared workspace file might.
std::string run_workspace(const std::string& name, const std::string& extra) {
  // Nobody's own default list may take part.
  setenv("XDG_CONFIG_HOME", (output_dir() / "no-config").c_str(), 1);
  const fs::path workspace = write(name + ".wv.json", R"({"format": "worldview-workspace", "version": 1, "panels": [
    {"source": {"kind": "rollout", "model": "drifting_color_field", "prompt": "a calm sea"}}]})");
  return "headless --workspace " + workspace.string() + " --seconds 0.3 --fps 10 --width 160 --height 90 --out " +
         (output_dir() / (name + ".mp4")).string() + " " + extra;
}

TEST(HeadlessTrust, AWorkspaceAloneCannotLoadATorchScriptModel) {
  const auto run = run_worldview(run_workspace("trust-none", ""));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("model \"drifting_color_field\" not found"), std::string::npos) << run.output;
}

TEST(HeadlessTrust, APinnedModelWithItsDigestLoads) {
  const fs::path list = write("trust-pinned.json", trusted_list(sha256_of(kFixture)));
  const auto run = run_worldview(run_workspace("trust-pinned", "--trusted-models " + list.string()));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(decode_all(output_dir() / "trust-pinned.mp4").size(), 3u);
}

TEST(HeadlessTrust, AFileThatChangedSincePinningIsRefusedNamingBothDigests) {
  const std::string pinned(64, 'a');
  const fs::path list = write("trust-mismatch.json", trusted_list(pinned));
  const auto run = run_worldview(run_workspace("trust-mismatch", "--trusted-models " + list.string()));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("model '" + kFixture + "' is refused"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(pinned), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(sha256_of(kFixture)), std::string::npos) << run.output;
}

TEST(HeadlessTrust, ABrokenListIsReportedWithItsLineAndTheRunGoesOn) {
  const fs::path list = write("trust-broken.json", "{\n  \"format\": \"worldview-trusted-models\",\n  \"version\": 1,\n"
                                                   "  \"models\": [{\"path\": \"x.pt\", \"sha256\": \"12ab\"}]\n}\n");
  // The panel asks for the pinned model, so it fails; the program still renders and exits.
  const auto run = run_worldview(run_workspace("trust-broken", "--trusted-models " + list.string()));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find(list.string() + ":4: models[0].sha256: not a SHA-256 digest"), std::string::npos)
      << run.output;
  EXPECT_EQ(decode_all(output_dir() / "trust-broken.mp4").size(), 3u);
}

}  // namespace
