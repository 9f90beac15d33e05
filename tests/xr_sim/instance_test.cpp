// Instance, system and view configuration, through the loader and the core validation layer.
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim_fixture.h"

namespace wv::test {
namespace {

TEST_F(XrSimTest, InstanceSystemAndViewConfiguration) {
  uint32_t count = 0;
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr), XR_SUCCESS);
  std::vector<XrExtensionProperties> extensions(count, {XR_TYPE_EXTENSION_PROPERTIES});
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, extensions.data()), XR_SUCCESS);
  bool vulkan_enable2 = false;
  for (const auto& e : extensions) vulkan_enable2 |= std::strcmp(e.extensionName, "XR_KHR_vulkan_enable2") == 0;
  EXPECT_TRUE(vulkan_enable2);

  start();
  XrInstanceProperties properties{XR_TYPE_INSTANCE_PROPERTIES};
  ASSERT_EQ(xrGetInstanceProperties(instance_, &properties), XR_SUCCESS);
  EXPECT_STREQ(properties.runtimeName, "worldview simulated runtime");
  char name[XR_MAX_RESULT_STRING_SIZE];
  ASSERT_EQ(xrResultToString(instance_, XR_ERROR_SESSION_NOT_STOPPING, name), XR_SUCCESS);
  EXPECT_STREQ(name, "XR_ERROR_SESSION_NOT_STOPPING");
  char type_name[XR_MAX_STRUCTURE_NAME_SIZE];
  ASSERT_EQ(xrStructureTypeToString(instance_, XR_TYPE_FRAME_STATE, type_name), XR_SUCCESS);
  EXPECT_STREQ(type_name, "XR_TYPE_FRAME_STATE");

  const XrSystemId system_id = system();
  XrSystemProperties system_properties{XR_TYPE_SYSTEM_PROPERTIES};
  ASSERT_EQ(xrGetSystemProperties(instance_, system_id, &system_properties), XR_SUCCESS);
  EXPECT_EQ(system_properties.trackingProperties.positionTracking, XR_TRUE);
  EXPECT_GE(system_properties.graphicsProperties.maxSwapchainImageWidth, 512u);

  XrViewConfigurationType type{};
  ASSERT_EQ(xrEnumerateViewConfigurations(instance_, system_id, 1, &count, &type), XR_SUCCESS);
  EXPECT_EQ(type, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO);
  XrViewConfigurationView views[2] = {{XR_TYPE_VIEW_CONFIGURATION_VIEW}, {XR_TYPE_VIEW_CONFIGURATION_VIEW}};
  EXPECT_EQ(xrEnumerateViewConfigurationViews(instance_, system_id, type, 1, &count, views),
            XR_ERROR_SIZE_INSUFFICIENT);
  ASSERT_EQ(xrEnumerateViewConfigurationViews(instance_, system_id, type, 2, &count, views), XR_SUCCESS);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(views[1].recommendedImageRectWidth, 512u);
  XrEnvironmentBlendMode blend{};
  ASSERT_EQ(xrEnumerateEnvironmentBlendModes(instance_, system_id, type, 1, &count, &blend), XR_SUCCESS);
  EXPECT_EQ(blend, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
}

TEST_F(XrSimTest, UnpluggedHeadsetIsUnavailable) {
  start("headset absent\n");
  XrSystemGetInfo info{XR_TYPE_SYSTEM_GET_INFO};
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(instance_, &info, &id), XR_ERROR_FORM_FACTOR_UNAVAILABLE);
}

TEST_F(XrSimTest, BadScriptRefusesTheInstance) {
  const std::string script_path = output_path(".script.txt");
  std::ofstream(script_path) << "pose 0 0 1.6 0\n";
  setenv("WV_XR_SIM_SCRIPT", script_path.c_str(), 1);
  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::snprintf(info.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "xr_sim_test");
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  // The runtime answers XR_ERROR_RUNTIME_FAILURE; the loader 1.0.20 with the layer reports its
  // own failure code for a failed chained create, so only failure is checked.
  EXPECT_TRUE(XR_FAILED(xrCreateInstance(&info, &instance_)));
  instance_ = XR_NULL_HANDLE;
}

// The fixture's own check must be able to fail: a wrong structure type is reported by the core
// validation layer into the file TearDown reads.
TEST_F(XrSimTest, CoreValidationReportsMisuse) {
  start();
  XrSystemGetInfo info{XR_TYPE_SESSION_CREATE_INFO};
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_TRUE(XR_FAILED(xrGetSystem(instance_, &info, &id)));
  EXPECT_NE(xr_validation_log().find("VUID-XrSystemGetInfo-type-type"), std::string::npos)
      << xr_validation_log();
  std::filesystem::remove(validation_path_);  // expected: keep TearDown's check for the rest
}

}  // namespace
}  // namespace wv::test
