// load_workspace and save_workspace: kinds of path, sizes, and atomic saving.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "workspace_test_support.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;

// A fresh, empty folder per test under the build's test-output folder.
fs::path fresh_folder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path folder = fs::path(WV_TEST_OUTPUT_DIR) / "workspace" / info->name();
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

Workspace small_workspace(std::string scene) {
  Workspace ws;
  ws.name = "w";
  PanelSpec panel;
  panel.source.toyworld.scene = std::move(scene);
  ws.panels.push_back(panel);
  return ws;
}

TEST(WorkspaceFile, RefusesAMissingFile) {
  const std::string path = (fresh_folder() / "absent.wv.json").string();
  const auto result = load_workspace(path);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, path + ": no such file");
}

TEST(WorkspaceFile, RefusesAFolder) {
  const std::string path = fresh_folder().string();
  const auto result = load_workspace(path);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, path + ": is a folder, not a workspace file (*.wv.json)");
}

TEST(WorkspaceFile, RefusesAnEmptyFile) {
  const fs::path path = fresh_folder() / "empty.wv.json";
  write_text(path, "");
  const auto result = load_workspace(path.string());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, path.string() + ":1: empty file (expected a worldview workspace)");
}

TEST(WorkspaceFile, RefusesAHugeFileWithoutReadingIt) {
  const fs::path path = fresh_folder() / "huge.wv.json";
  write_text(path, "{");
  fs::resize_file(path, 8ull << 30);  // sparse: 8 GiB that would take long to read
  const auto result = load_workspace(path.string());
  fs::remove(path);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            path.string() + ": 8589934592 bytes, more than the 4194304 a workspace file may have");
}

TEST(WorkspaceFile, RefusesSomethingThatIsNotARegularFile) {
  const auto result = load_workspace("/dev/null");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "/dev/null: not a regular file");
}

TEST(WorkspaceFile, ErrorsNameTheFileAsGiven) {
  const fs::path path = fresh_folder() / "bad.wv.json";
  write_text(path, test::with_panels("    {\"source\": {\"kind\": \"vidoe\"}}"));
  const auto result = load_workspace(path.string());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            path.string() + ":5: panels[0].source.kind: unknown source kind \"vidoe\" (known: toyworld, rollout, video)");
}

TEST(WorkspaceFile, SavesAndLoadsBack) {
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "saved.wv.json";
  const Workspace ws = small_workspace("one red ball in a black room");
  const Status saved = save_workspace(path.string(), ws);
  ASSERT_TRUE(saved) << saved.error().message;
  const auto loaded = load_workspace(path.string());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, ws);
  EXPECT_EQ(names_in(folder), std::vector<std::string>{"saved.wv.json"});

  // Saving again replaces the file and keeps its permissions; the replaced file is kept, byte for byte.
  const std::string first = read_text(path);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const Workspace changed = small_workspace("two blue balls in a grey room");
  ASSERT_TRUE(save_workspace(path.string(), changed));
  EXPECT_EQ(*load_workspace(path.string()), changed);
  EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(names_in(folder), (std::vector<std::string>{"saved.wv.json", "saved.wv.json.bak"}));
  EXPECT_EQ(read_text(folder / "saved.wv.json.bak"), first);
}

TEST(WorkspaceFile, SaveIntoAFolderPathFailsAndLeavesNoTemporaryFile) {
  const fs::path folder = fresh_folder();
  fs::create_directory(folder / "taken.wv.json");
  write_text(folder / "taken.wv.json" / "inside", "x");
  const Status saved = save_workspace((folder / "taken.wv.json").string(), small_workspace("s"));
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("not saved (rename failed"), std::string::npos) << saved.error().message;
  EXPECT_NE(saved.error().message.find("the previous file is unchanged"), std::string::npos);
  EXPECT_EQ(names_in(folder), std::vector<std::string>{"taken.wv.json"});
}

TEST(WorkspaceFile, SaveThatFailsMidWriteKeepsThePreviousFile) {
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "keep.wv.json";
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("one red ball in a black room")));
  const std::string before = read_text(path);

  // A file-size limit smaller than the new text makes write() fail part way (root included).
  Workspace big = small_workspace(std::string(3000, 'a'));
  rlimit old_limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  rlimit small = old_limit;
  small.rlim_cur = 1000;
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const Status saved = save_workspace(path.string(), big);
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);

  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("write failed"), std::string::npos) << saved.error().message;
  EXPECT_EQ(read_text(path), before);
  // The copy of the previous version was made before the write failed: both hold it.
  EXPECT_EQ(names_in(folder), (std::vector<std::string>{"keep.wv.json", "keep.wv.json.bak"}));
  EXPECT_EQ(read_text(folder / "keep.wv.json.bak"), before);
}

TEST(WorkspaceFile, SaveIntoAReadOnlyFolderKeepsThePreviousFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "keep.wv.json";
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("one red ball in a black room")));
  const std::string before = read_text(path);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
  const Status saved = save_workspace(path.string(), small_workspace("two red balls in a black room"));
  fs::permissions(folder, fs::perms::owner_all);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("cannot create a temporary file"), std::string::npos) << saved.error().message;
  EXPECT_EQ(read_text(path), before);
  EXPECT_EQ(names_in(folder), std::vector<std::string>{"keep.wv.json"});
}

TEST(WorkspaceFile, RefusesToSaveAWorkspaceThatWouldNotLoad) {
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "keep.wv.json";
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("one red ball in a black room")));
  const std::string before = read_text(path);
  Workspace bad = small_workspace("s");
  bad.panels[0].width_m = 80.0f;
  const Status saved = save_workspace(path.string(), bad);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("panels[0].width_m: 80 is out of range"), std::string::npos)
      << saved.error().message;
  EXPECT_EQ(read_text(path), before);
  EXPECT_EQ(names_in(folder), std::vector<std::string>{"keep.wv.json"});
}

// "A damaged file is refused with the reason; the last good file is kept" (DESIGN.md §6).
class WorkspaceLastGood : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(WorkspaceLastGood, ADamagedFileIsRefusedNamingTheLastGoodVersionWhichSurvivesByteForByte) {
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "work.wv.json";
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("one red ball in a black room")));
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("two blue balls in a grey room")));
  const std::string last_good = read_text(folder / "work.wv.json.bak");
  ASSERT_TRUE(load_workspace((folder / "work.wv.json.bak").string()));

  const auto& [what, damage] = GetParam();
  write_text(path, damage);
  const auto refused = load_workspace(path.string());
  ASSERT_FALSE(refused) << what;
  const std::string& message = refused.error().message;
  EXPECT_EQ(message.rfind(path.string() + ":", 0), 0u) << message;
  EXPECT_NE(message.find("; the last good version is " + path.string() + ".bak"), std::string::npos) << message;
  EXPECT_EQ(message.find("autosave"), std::string::npos) << message;  // there is none

  // Saving over the damaged file does not copy it over the last good version.
  ASSERT_TRUE(save_workspace(path.string(), small_workspace("three green balls in a white room")));
  EXPECT_EQ(read_text(folder / "work.wv.json.bak"), last_good) << what;
  EXPECT_TRUE(load_workspace(path.string()));
}

INSTANTIATE_TEST_SUITE_P(
    Damage, WorkspaceLastGood,
    ::testing::Values(std::pair{std::string("truncated"), std::string("{\n  \"format\": \"worldview-workspace\",\n  \"vers")},
                      std::pair{std::string("bad JSON"), std::string("{\"format\": \"worldview-workspace\", \"version\": 3,, }")},
                      std::pair{std::string("wrong types"), std::string("{\"format\": \"worldview-workspace\", \"version\": \"3\", "
                                                           "\"panels\": {}}")},
                      std::pair{std::string("a wrong review type"), std::string("{\"format\": \"worldview-workspace\", \"version\": 3, "
                                                                   "\"panels\": [{\"source\": {\"kind\": \"toyworld\", "
                                                                   "\"scene\": \"s\"}, \"review\": {\"rating\": \"4\"}}]}")}),
    [](const auto& test_param) {
      std::string name = test_param.param.first;
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(WorkspaceFile, ARefusalPointsAtTheAutosaveBesideIt) {
  const fs::path folder = fresh_folder();
  const fs::path path = folder / "work.wv.json";
  EXPECT_EQ(autosave_path(path.string()), (folder / "work.autosave.wv.json").string());
  EXPECT_EQ(autosave_path("notes.json"), "notes.json.autosave.wv.json");
  EXPECT_EQ(last_good_path(path.string()), path.string() + ".bak");
  ASSERT_TRUE(save_workspace(autosave_path(path.string()), small_workspace("s"), {.keep_last_good = false}));
  write_text(path, "not json");
  const auto refused = load_workspace(path.string());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("; unsaved changes of a run are in " + autosave_path(path.string())),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(refused.error().message.find(".bak"), std::string::npos) << refused.error().message;
  EXPECT_EQ(names_in(folder), (std::vector<std::string>{"work.autosave.wv.json", "work.wv.json"}));
}

}  // namespace
}  // namespace wv::app
