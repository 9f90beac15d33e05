// Who may run an external model file: named by the user, or pinned by SHA-256 (model_trust.h).
#include <gtest/gtest.h>

#include "engine_test_util.h"
#include "model/model_trust.h"

namespace wv::model {
namespace {

const std::string kDigest(64, 'a');
const std::string kOtherDigest(64, 'b');

TEST(ModelTrust, AFileTheUserNamedIsAllowed) {
  EXPECT_TRUE(check_model_trust("models/field.pt", kDigest, {.named_by_user = true}).ok());
}

TEST(ModelTrust, AWorkspaceReferenceWithoutAPinIsRefusedWithHowToTrustIt) {
  Status s = check_model_trust("models/field.pt", kDigest, {});
  ASSERT_FALSE(s.ok());
  EXPECT_CONTAINS(s.error().message, "model 'models/field.pt' is refused");
  EXPECT_CONTAINS(s.error().message, "name it on the command line or pin it");
  EXPECT_CONTAINS(s.error().message, kDigest);
}

TEST(ModelTrust, APinnedFileWithItsDigestIsAllowedUnderAnotherSpellingOfItsPath) {
  ModelTrust trust{.pinned = {{"models/field.pt", kDigest}}};
  EXPECT_TRUE(check_model_trust("models/../models/./field.pt", kDigest, trust).ok());
}

TEST(ModelTrust, APinMismatchIsRefusedNamingBothDigests) {
  ModelTrust trust{.pinned = {{"models/field.pt", kDigest}}};
  Status s = check_model_trust("models/field.pt", kOtherDigest, trust);
  ASSERT_FALSE(s.ok());
  EXPECT_CONTAINS(s.error().message, "pins it to SHA-256 " + kDigest);
  EXPECT_CONTAINS(s.error().message, "the file's SHA-256 is " + kOtherDigest);
}

TEST(ModelTrust, APinForAnotherFileDoesNotTrustThisOne) {
  ModelTrust trust{.pinned = {{"models/other.pt", kDigest}}};
  Status s = check_model_trust("models/field.pt", kDigest, trust);
  ASSERT_FALSE(s.ok());
  EXPECT_CONTAINS(s.error().message, "neither named by you nor pinned");
}

}  // namespace
}  // namespace wv::model
