package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/internal/browser"
)

// timelineTips shows the tooltip of every point of a region's timeline and
// returns, for each, the texts it adds to the chart, with the item's name
// and the dates the timeline's table gives it.
const timelineTips = `(() => {
  const el = document.querySelector('[data-chart="timeline"]');
  const chart = echarts.getInstanceByDom(el);
  const texts = () => Array.from(el.querySelectorAll('svg text')).map(t => t.textContent.trim()).filter(t => t !== '');
  const before = texts();
  const out = [];
  chart.getOption().series.forEach((s, i) => {
    s.data.forEach((d, r) => {
      chart.dispatchAction({type: 'showTip', seriesIndex: i, dataIndex: r});
      chart.getZr().flush();
      const tip = texts();
      for (const t of before) {
        const k = tip.indexOf(t);
        if (k >= 0) tip.splice(k, 1);
      }
      const row = Array.from(document.getElementById(el.dataset.table).querySelectorAll('tbody tr'))
        .find(tr => tr.cells[2].textContent.trim() === d.value[1]);
      out.push({series: s.name, name: d.value[1], date: row ? row.cells[0].textContent.trim() : '', tip: tip});
    });
  });
  return out;
})()`

// TestBrowserTimelineTooltips opens a region of the example and points at
// every promotion, training and milestone of its timeline: each tooltip
// names the item and gives its dates as the timeline's table writes them,
// without a clock time.
func TestBrowserTimelineTooltips(t *testing.T) {
	chrome := browser.ForTest(t)
	out := buildExample(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	type tip struct {
		Series, Name, Date string
		Tip                []string
	}
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/regions/east/"), chromedp.WaitVisible(`[data-chart="timeline"] svg`))
	if err != nil {
		t.Fatal(err)
	}
	tips, err := chromedp.Run(ctx, chromedp.Evaluate[[]tip](timelineTips))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
	  const el = document.querySelector('[data-chart="timeline"]');
	  el.scrollIntoView({block: 'center'});
	  echarts.getInstanceByDom(el).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "timeline")
	if len(tips) < 3 {
		t.Fatalf("the east timeline has %d points, want promotions, trainings and milestones", len(tips))
	}
	for _, p := range tips {
		all := strings.Join(p.Tip, " | ")
		if p.Date == "" || !strings.Contains(all, p.Name) || !strings.Contains(all, p.Date) {
			t.Errorf("tooltip of %s %q on %q: [%s], want its name and dates", p.Series, p.Name, p.Date, all)
		}
		if strings.Contains(all, ":00") {
			t.Errorf("tooltip of %q shows a clock time: [%s]", p.Name, all)
		}
	}
}
