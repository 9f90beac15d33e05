// app/panel_thumbnails.h — small pictures of each panel's frames along its timeline, for the
// console's scrub bar (app/ui_scrub_bar.h). They are made from the frames the panel shows, so
// they cost no decoding and no inference: a timeline shows pictures where the panel has been.
//
//   wv::app::PanelThumbnails thumbnails;
//   thumbnails.add(i, player.shown(i));                 // every UI frame, for every panel
//   wv::FramePtr picture = thumbnails.nearest(i, 120);  // null: none yet
//
// A panel keeps one picture every `spacing` frames (8 at first); when it holds kMax, every other
// one goes and the spacing doubles, so a long timeline costs at most kMax small pictures.
// Threading: the render thread.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "wv/frame.h"

namespace wv::app {

class PanelThumbnails {
 public:
  static constexpr int32_t kWidth = 96;  // pixels; the height keeps the frame's aspect
  static constexpr size_t kMax = 64;

  // Takes a picture of `shown` (panel i's frame on screen) unless one lies within the spacing.
  void add(size_t panel, const FramePtr& shown);
  // The picture nearest to frame `frame` of panel i; null while it has none.
  FramePtr nearest(size_t panel, int64_t frame) const;

 private:
  struct Strip {
    std::map<int64_t, FramePtr> by_frame;
    int64_t spacing = 8;
  };
  std::vector<Strip> strips_;
};

// `frame` shrunk to `width` pixels wide (box filter), its index and time kept.
FramePtr shrink_frame(const Frame& frame, int32_t width);

}  // namespace wv::app
