#include "http/html.h"

#include <gtest/gtest.h>

namespace socius::http {
namespace {

TEST(HtmlTest, EscapesWhatOpensMarkupOrLeavesAnAttribute) {
  EXPECT_EQ(Html("<img src=x onerror=\"alert('1')\"> & more"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; more");
  EXPECT_EQ(Html("Şcoala „Ion Creangă” — Київ"), "Şcoala „Ion Creangă” — Київ");
  EXPECT_EQ(Html(""), "");
}

}  // namespace
}  // namespace socius::http
