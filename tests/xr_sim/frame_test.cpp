// Swapchain image rules, scripted head poses through xrLocateSpace/xrLocateViews, and frames
// with a projection layer, read back from the runtime's frame record.
#include <nlohmann/json.hpp>

#include <fstream>

#include "sim_fixture.h"

namespace wv::test {
namespace {

XrSwapchainCreateInfo color_swapchain_info(int64_t format) {
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  info.format = format;
  info.sampleCount = 1;
  info.width = 1024;  // both eyes side by side
  info.height = 512;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  return info;
}

TEST_F(XrSimTest, SwapchainImagesFollowAcquireWaitReleaseOrder) {
  start();
  create_vulkan_session();
  uint32_t count = 0;
  ASSERT_EQ(xrEnumerateSwapchainFormats(session_, 0, &count, nullptr), XR_SUCCESS);
  std::vector<int64_t> formats(count);
  ASSERT_EQ(xrEnumerateSwapchainFormats(session_, count, &count, formats.data()), XR_SUCCESS);
  ASSERT_EQ(formats.front(), VK_FORMAT_R8G8B8A8_SRGB);

  XrSwapchain swapchain = XR_NULL_HANDLE;
  XrSwapchainCreateInfo info = color_swapchain_info(formats.front());
  ASSERT_EQ(xrCreateSwapchain(session_, &info, &swapchain), XR_SUCCESS);
  swapchains_.push_back(swapchain);
  ASSERT_EQ(xrEnumerateSwapchainImages(swapchain, 0, &count, nullptr), XR_SUCCESS);
  EXPECT_GE(count, 2u);
  std::vector<XrSwapchainImageVulkan2KHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  ASSERT_EQ(xrEnumerateSwapchainImages(swapchain, count, &count,
                                       reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())),
            XR_SUCCESS);

  XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait.timeout = XR_INFINITE_DURATION;
  EXPECT_EQ(xrWaitSwapchainImage(swapchain, &wait), XR_ERROR_CALL_ORDER_INVALID);  // none acquired
  EXPECT_EQ(xrReleaseSwapchainImage(swapchain, nullptr), XR_ERROR_CALL_ORDER_INVALID);
  std::vector<uint32_t> acquired(count);
  for (uint32_t i = 0; i < count; ++i) {
    ASSERT_EQ(xrAcquireSwapchainImage(swapchain, nullptr, &acquired[i]), XR_SUCCESS);
    EXPECT_EQ(acquired[i], i);
  }
  uint32_t extra = 0;
  EXPECT_EQ(xrAcquireSwapchainImage(swapchain, nullptr, &extra), XR_ERROR_CALL_ORDER_INVALID);
  ASSERT_EQ(xrWaitSwapchainImage(swapchain, &wait), XR_SUCCESS);
  EXPECT_EQ(xrWaitSwapchainImage(swapchain, &wait), XR_ERROR_CALL_ORDER_INVALID);  // not released
  // The image the runtime handed over is in COLOR_ATTACHMENT_OPTIMAL (checked by validation).
  const float red[4] = {1.0f, 0.0f, 0.0f, 1.0f};
  clear_image(images[acquired[0]].image, red);
  ASSERT_EQ(xrReleaseSwapchainImage(swapchain, nullptr), XR_SUCCESS);
  ASSERT_EQ(xrAcquireSwapchainImage(swapchain, nullptr, &extra), XR_SUCCESS);
  EXPECT_EQ(extra, acquired[0]);

  info.format = VK_FORMAT_R16G16B16A16_SFLOAT;
  XrSwapchain unsupported = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateSwapchain(session_, &info, &unsupported), XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
}

TEST_F(XrSimTest, ScriptedHeadPosesLocateSpacesAndViews) {
  // Walks 1 m to the right in the first second, then turns 90 degrees left in the next.
  start("pose 0 0 1.6 0  0 0 0 1\n"
        "pose 1 1 1.6 0  0 0 0 1\n"
        "pose 2 1 1.6 0  0 0.7071068 0 0.7071068\n");
  create_vulkan_session();
  auto make_space = [&](XrReferenceSpaceType type) {
    XrReferenceSpaceCreateInfo info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    info.referenceSpaceType = type;
    info.poseInReferenceSpace.orientation.w = 1.0f;
    XrSpace space = XR_NULL_HANDLE;
    EXPECT_EQ(xrCreateReferenceSpace(session_, &info, &space), XR_SUCCESS);
    spaces_.push_back(space);
    return space;
  };
  const XrSpace stage = make_space(XR_REFERENCE_SPACE_TYPE_STAGE);
  const XrSpace local = make_space(XR_REFERENCE_SPACE_TYPE_LOCAL);
  const XrSpace view = make_space(XR_REFERENCE_SPACE_TYPE_VIEW);
  const XrTime start_time = 1'000'000'000;  // the runtime's first display time
  const XrTime half_second = start_time + 500'000'000;

  XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
  ASSERT_EQ(xrLocateSpace(view, stage, half_second, &location), XR_SUCCESS);
  EXPECT_NEAR(location.pose.position.x, 0.5f, 1e-5f);
  EXPECT_NEAR(location.pose.position.y, 1.6f, 1e-5f);
  EXPECT_TRUE(location.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT);
  ASSERT_EQ(xrLocateSpace(view, local, half_second, &location), XR_SUCCESS);
  EXPECT_NEAR(location.pose.position.y, 0.0f, 1e-5f);

  XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
  locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  locate.displayTime = start_time + 2'000'000'000;
  locate.space = stage;
  XrViewState state{XR_TYPE_VIEW_STATE};
  XrView views[2] = {{XR_TYPE_VIEW}, {XR_TYPE_VIEW}};
  uint32_t count = 0;
  ASSERT_EQ(xrLocateViews(session_, &locate, &state, 2, &count, views), XR_SUCCESS);
  ASSERT_EQ(count, 2u);
  // Facing -X after the left turn: the left eye is toward +Z, the right eye toward -Z.
  EXPECT_NEAR(views[0].pose.position.x, 1.0f, 1e-5f);
  EXPECT_NEAR(views[0].pose.position.z, 0.032f, 1e-5f);
  EXPECT_NEAR(views[1].pose.position.z, -0.032f, 1e-5f);
  EXPECT_LT(views[0].fov.angleLeft, 0.0f);
  EXPECT_GT(views[0].fov.angleUp, 0.0f);
  EXPECT_TRUE(state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT);
}

TEST_F(XrSimTest, FramesWithAProjectionLayerAreRecorded) {
  start("pose 0 0 1.6 0  0 0 0 1\n"
        "pose 1 0.9 1.6 0  0 0 0 1\n");
  create_vulkan_session();
  XrReferenceSpaceCreateInfo space_info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  space_info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  space_info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace local = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateReferenceSpace(session_, &space_info, &local), XR_SUCCESS);
  spaces_.push_back(local);
  XrSwapchain swapchain = XR_NULL_HANDLE;
  const XrSwapchainCreateInfo info = color_swapchain_info(VK_FORMAT_R8G8B8A8_SRGB);
  ASSERT_EQ(xrCreateSwapchain(session_, &info, &swapchain), XR_SUCCESS);
  swapchains_.push_back(swapchain);
  uint32_t image_count = 0;
  ASSERT_EQ(xrEnumerateSwapchainImages(swapchain, 0, &image_count, nullptr), XR_SUCCESS);
  std::vector<XrSwapchainImageVulkan2KHR> images(image_count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  ASSERT_EQ(xrEnumerateSwapchainImages(swapchain, image_count, &image_count,
                                       reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())),
            XR_SUCCESS);
  begin_and_run_until(XR_SESSION_STATE_FOCUSED);
  const int warmup_frames = 3;  // the empty frames that brought the session to FOCUSED

  constexpr int kFrames = 5;
  std::vector<std::array<XrView, 2>> submitted;
  for (int frame = 0; frame < kFrames; ++frame) {
    XrFrameState state{XR_TYPE_FRAME_STATE};
    ASSERT_EQ(xrWaitFrame(session_, nullptr, &state), XR_SUCCESS);
    ASSERT_TRUE(state.shouldRender);
    ASSERT_EQ(xrBeginFrame(session_, nullptr), XR_SUCCESS);
    XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
    locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locate.displayTime = state.predictedDisplayTime;
    locate.space = local;
    XrViewState view_state{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> views{XrView{XR_TYPE_VIEW}, XrView{XR_TYPE_VIEW}};
    uint32_t count = 0;
    ASSERT_EQ(xrLocateViews(session_, &locate, &view_state, 2, &count, views.data()), XR_SUCCESS);
    submitted.push_back(views);

    uint32_t index = 0;
    ASSERT_EQ(xrAcquireSwapchainImage(swapchain, nullptr, &index), XR_SUCCESS);
    XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wait.timeout = XR_INFINITE_DURATION;
    ASSERT_EQ(xrWaitSwapchainImage(swapchain, &wait), XR_SUCCESS);
    const float gray[4] = {0.2f * float(frame), 0.5f, 0.5f, 1.0f};
    clear_image(images[index].image, gray);
    ASSERT_EQ(xrReleaseSwapchainImage(swapchain, nullptr), XR_SUCCESS);

    XrCompositionLayerProjectionView projection_views[2];
    for (int eye = 0; eye < 2; ++eye) {
      projection_views[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      projection_views[eye].pose = views[eye].pose;
      projection_views[eye].fov = views[eye].fov;
      projection_views[eye].subImage.swapchain = swapchain;
      projection_views[eye].subImage.imageRect = {{eye * 512, 0}, {512, 512}};
    }
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    layer.space = local;
    layer.viewCount = 2;
    layer.views = projection_views;
    const auto* layers = reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer);
    XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
    end.displayTime = state.predictedDisplayTime;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    end.layerCount = 1;
    end.layers = &layers;
    ASSERT_EQ(xrEndFrame(session_, &end), XR_SUCCESS);
  }

  std::ifstream record(frames_path_);
  std::vector<nlohmann::json> frames;
  for (std::string line; std::getline(record, line);) frames.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(frames.size(), size_t(warmup_frames + kFrames));
  for (int i = 0; i < warmup_frames; ++i) EXPECT_TRUE(frames[i]["layers"].empty());
  for (int frame = 0; frame < kFrames; ++frame) {
    const nlohmann::json& f = frames[warmup_frames + frame];
    ASSERT_EQ(f["layers"].size(), 1u);
    const nlohmann::json& layer = f["layers"][0];
    EXPECT_EQ(layer["type"], "projection");
    EXPECT_EQ(layer["space"], "LOCAL");
    ASSERT_EQ(layer["views"].size(), 2u);
    for (int eye = 0; eye < 2; ++eye) {
      const nlohmann::json& v = layer["views"][eye];
      EXPECT_EQ(v["swapchain"], 1);
      EXPECT_EQ(v["image"], frame % int(image_count));
      EXPECT_EQ(v["rect"], nlohmann::json({eye * 512, 0, 512, 512}));
      EXPECT_NEAR(v["pose"]["position"][0].get<float>(), submitted[frame][eye].pose.position.x, 1e-6f);
    }
    // The head moves right as the scripted time advances.
    if (frame > 0) {
      EXPECT_GT(layer["views"][0]["pose"]["position"][0].get<float>(),
                frames[warmup_frames + frame - 1]["layers"][0]["views"][0]["pose"]["position"][0].get<float>());
    }
  }
}

}  // namespace
}  // namespace wv::test
