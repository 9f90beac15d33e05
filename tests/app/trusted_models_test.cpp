// The trusted-models list parser: what it accepts, and that every refusal names the file, the
// line, the field and the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/workspace/trusted_models.h"

namespace wv::app {
namespace {

const std::string kDigest = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
const std::string kLower = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

std::string list_with(const std::string& models) {
  return "{\n  \"format\": \"worldview-trusted-models\",\n  \"version\": 1,\n  \"models\": [\n" + models + "\n  ]\n}\n";
}

std::string error_of(const std::string& text) {
  auto r = parse_trusted_models(text, "trusted.json", "/base");
  EXPECT_FALSE(r);
  return r ? std::string() : r.error().message;
}

TEST(TrustedModels, ReadsPinsWithRelativePathsFromTheListsFolder) {
  std::vector<std::string> warnings;
  auto pins = parse_trusted_models(list_with("    {\"path\": \"a.pt\", \"sha256\": \"" + kDigest + "\"},\n"
                                             "    {\"path\": \"/abs/b.pt\", \"sha256\": \"" + kLower + "\"}"),
                                   "trusted.json", "/base", &warnings);
  ASSERT_TRUE(pins) << pins.error().message;
  ASSERT_EQ(pins->size(), 2u);
  EXPECT_EQ((*pins)[0].path, "/base/a.pt");
  EXPECT_EQ((*pins)[0].sha256, kLower);  // as sha256sum prints it, whatever the case written
  EXPECT_EQ((*pins)[1].path, "/abs/b.pt");
  EXPECT_TRUE(warnings.empty());
  auto empty = parse_trusted_models(list_with(""), "trusted.json", "");
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->empty());
}

TEST(TrustedModels, RefusalsNameTheFileTheLineTheFieldAndTheReason) {
  EXPECT_EQ(error_of(list_with("    {\"path\": \"a.pt\", \"sha256\": \"12ab\"}")),
            "trusted.json:5: models[0].sha256: not a SHA-256 digest (64 hex digits, as sha256sum prints them)");
  EXPECT_EQ(error_of(list_with("    {\"path\": \"a.pt\", \"sha256\": \"" + std::string(64, 'g') + "\"}")).substr(0, 33),
            "trusted.json:5: models[0].sha256:");
  EXPECT_NE(error_of(list_with("    {\"sha256\": \"" + kLower + "\"}")).find("trusted.json:5: models[0].path: missing"),
            std::string::npos);
  EXPECT_NE(error_of(list_with("    {\"path\": \"\", \"sha256\": \"" + kLower + "\"}")).find("models[0].path: empty path"),
            std::string::npos);
  EXPECT_NE(error_of("{\n  \"format\": \"worldview-workspace\", \"version\": 1, \"models\": []}").find(
                "trusted.json:2: format: not a worldview trusted-models list"),
            std::string::npos);
  EXPECT_NE(error_of("{\"format\": \"worldview-trusted-models\", \"version\": 2, \"models\": []}").find("newer worldview"),
            std::string::npos);
  EXPECT_NE(error_of("{\n  \"format\": \"worldview-trusted-models\",\n  \"version\": 1,\n  \"models\": [\n").find(
                "trusted.json:5: not valid JSON"),
            std::string::npos);
  EXPECT_EQ(error_of(""), "trusted.json:1: empty file (expected a worldview trusted-models list)");
  EXPECT_NE(error_of("{\"format\": 1, \"format\": 2}").find("appears twice"), std::string::npos);
}

TEST(TrustedModels, LoadingNamesAMissingFileAndResolvesAgainstItsFolder) {
  auto missing = load_trusted_models("/no/such/trusted-models.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/no/such/trusted-models.json: no such file"), std::string::npos);
  const std::filesystem::path dir = std::filesystem::path(WV_TEST_OUTPUT_DIR) / "trusted";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "list.json") << list_with("    {\"path\": \"m.pt\", \"sha256\": \"" + kLower + "\"}");
  auto pins = load_trusted_models((dir / "list.json").string());
  ASSERT_TRUE(pins) << pins.error().message;
  ASSERT_EQ(pins->size(), 1u);
  EXPECT_EQ((*pins)[0].path, (dir / "m.pt").string());
}

}  // namespace
}  // namespace wv::app
