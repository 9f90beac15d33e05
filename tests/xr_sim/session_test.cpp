// The session state machine: begin, frames, exit requested by the application or the script,
// and scripted loss, with the spec's errors for calls out of order.
#include "sim_fixture.h"

namespace wv::test {
namespace {

using States = std::vector<XrSessionState>;

TEST_F(XrSimTest, SessionRunsFromIdleToFocusedAndExits) {
  start();
  create_vulkan_session();
  EXPECT_EQ(poll_states(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
  EXPECT_EQ(xrEndSession(session_), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrRequestExitSession(session_), XR_ERROR_SESSION_NOT_RUNNING);
  XrFrameState frame{XR_TYPE_FRAME_STATE};
  EXPECT_EQ(xrWaitFrame(session_, nullptr, &frame), XR_ERROR_SESSION_NOT_RUNNING);

  XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  ASSERT_EQ(xrBeginSession(session_, &begin), XR_SUCCESS);
  EXPECT_EQ(xrBeginSession(session_, &begin), XR_ERROR_SESSION_RUNNING);
  EXPECT_EQ(xrBeginFrame(session_, nullptr), XR_ERROR_CALL_ORDER_INVALID);  // no xrWaitFrame yet

  // One state up per submitted frame; only VISIBLE and FOCUSED frames should be rendered.
  const States expected{XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED};
  XrTime previous = 0;
  for (int i = 0; i < 3; ++i) {
    const XrFrameState state = empty_frame();
    EXPECT_EQ(state.shouldRender, i >= 2 ? XR_TRUE : XR_FALSE) << "frame " << i;
    EXPECT_EQ(state.predictedDisplayPeriod, 11'111'111);
    EXPECT_GT(state.predictedDisplayTime, previous);
    previous = state.predictedDisplayTime;
    EXPECT_EQ(poll_states(), States{expected[i]});
  }
  EXPECT_EQ(xrEndSession(session_), XR_ERROR_SESSION_NOT_STOPPING);

  ASSERT_EQ(xrRequestExitSession(session_), XR_SUCCESS);
  EXPECT_EQ(poll_states(), (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
                                   XR_SESSION_STATE_STOPPING}));
  ASSERT_EQ(xrEndSession(session_), XR_SUCCESS);
  EXPECT_EQ(poll_states(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
}

TEST_F(XrSimTest, BeginFrameTwiceDiscardsTheFirst) {
  start();
  create_vulkan_session();
  begin_and_run_until(XR_SESSION_STATE_FOCUSED);
  XrFrameState state{XR_TYPE_FRAME_STATE};
  ASSERT_EQ(xrWaitFrame(session_, nullptr, &state), XR_SUCCESS);
  ASSERT_EQ(xrBeginFrame(session_, nullptr), XR_SUCCESS);
  ASSERT_EQ(xrWaitFrame(session_, nullptr, &state), XR_SUCCESS);
  EXPECT_EQ(xrBeginFrame(session_, nullptr), XR_FRAME_DISCARDED);
  XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  EXPECT_EQ(xrEndFrame(session_, &end), XR_SUCCESS);
  EXPECT_EQ(xrEndFrame(session_, &end), XR_ERROR_CALL_ORDER_INVALID);  // nothing begun
}

TEST_F(XrSimTest, ScriptedExitStopsTheSession) {
  start("exit 0.1\n");  // 0.1 s: the 10th frame of 90 Hz
  create_vulkan_session();
  begin_and_run_until(XR_SESSION_STATE_FOCUSED);
  States seen;
  for (int i = 0; i < 12 && (seen.empty() || seen.back() != XR_SESSION_STATE_STOPPING); ++i) {
    empty_frame();
    for (XrSessionState s : poll_states()) seen.push_back(s);
  }
  EXPECT_EQ(seen, (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
                          XR_SESSION_STATE_STOPPING}));
  ASSERT_EQ(xrEndSession(session_), XR_SUCCESS);
  EXPECT_EQ(poll_states(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
}

TEST_F(XrSimTest, ScriptedLossIsReportedAndTheSessionCanBeDestroyed) {
  start("loss 0.05\n");
  create_vulkan_session();
  begin_and_run_until(XR_SESSION_STATE_FOCUSED);
  XrResult wait_result = XR_SUCCESS;
  for (int i = 0; i < 10 && wait_result == XR_SUCCESS; ++i) {
    XrFrameState state{XR_TYPE_FRAME_STATE};
    wait_result = xrWaitFrame(session_, nullptr, &state);
    if (wait_result != XR_SUCCESS) break;
    ASSERT_EQ(xrBeginFrame(session_, nullptr), XR_SUCCESS);
    XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
    end.displayTime = state.predictedDisplayTime;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    ASSERT_EQ(xrEndFrame(session_, &end), XR_SUCCESS);
  }
  EXPECT_EQ(wait_result, XR_SESSION_LOSS_PENDING);
  EXPECT_EQ(poll_states(), States{XR_SESSION_STATE_LOSS_PENDING});
  EXPECT_EQ(xrBeginFrame(session_, nullptr), XR_ERROR_SESSION_LOST);
  EXPECT_EQ(xrRequestExitSession(session_), XR_ERROR_SESSION_LOST);
  // The application's way out is xrDestroySession, which TearDown calls.
}

// Instance loss (spec 2.5, XrEventDataInstanceLossPending): the event comes first, calls work
// until its lossTime, then everything but the xrDestroy* calls fails with XR_ERROR_INSTANCE_LOST.
TEST_F(XrSimTest, ScriptedInstanceLossQueuesTheEventThenEveryCallFails) {
  start("instance_loss 0.05 0.03\n");
  create_vulkan_session();
  begin_and_run_until(XR_SESSION_STATE_FOCUSED);
  XrTime loss_time = 0;
  for (int i = 0; i < 8 && loss_time == 0; ++i) {
    empty_frame();
    XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
    while (xrPollEvent(instance_, &event) == XR_SUCCESS) {
      if (event.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING)
        loss_time = reinterpret_cast<const XrEventDataInstanceLossPending&>(event).lossTime;
      event = {XR_TYPE_EVENT_DATA_BUFFER};
    }
  }
  ASSERT_NE(loss_time, 0);
  // lossTime is 0.03 s (2.7 frames) after the event's frame: one more frame is fine, the next
  // one is handed out and then the instance is gone.
  EXPECT_LT(empty_frame().predictedDisplayTime, loss_time);
  XrFrameState state{XR_TYPE_FRAME_STATE};
  EXPECT_EQ(xrWaitFrame(session_, nullptr, &state), XR_SUCCESS);
  EXPECT_EQ(xrBeginFrame(session_, nullptr), XR_ERROR_INSTANCE_LOST);
  EXPECT_EQ(xrRequestExitSession(session_), XR_ERROR_INSTANCE_LOST);
  XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
  EXPECT_EQ(xrPollEvent(instance_, &event), XR_ERROR_INSTANCE_LOST);
  XrSystemGetInfo get{XR_TYPE_SYSTEM_GET_INFO};
  get.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(instance_, &get, &id), XR_ERROR_INSTANCE_LOST);
  // TearDown destroys the session and the instance, which must still work.
}

}  // namespace
}  // namespace wv::test
