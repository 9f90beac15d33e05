// tests/model/oracle_world_model.h — WorldModels with known scores for testing evaluation:
//  - the oracle runs the toyworld simulator behind the WorldModel contract (its state tensor
//    names a saved world, its init noise picks the seed; "<scene>. <event>" applies the event
//    once, when the prompt changes), so `worldview eval` must score it like the truth;
//  - the blank model shows a plain grey frame whatever it is asked, so it must score nothing;
//    with echo_start_image it accepts a start image and shows it as frame 0 (grey after).
// Header free of LibTorch, so tests that use them compile in seconds.
#pragma once

#include <memory>

namespace wv::model {
class WorldModel;
}

namespace wv::model::testing {

inline constexpr int kOracleSide = 64;

std::shared_ptr<WorldModel> make_oracle_model();
std::shared_ptr<WorldModel> make_blank_model(bool echo_start_image = false);

}  // namespace wv::model::testing
