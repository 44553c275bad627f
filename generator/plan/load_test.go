package plan

import (
	"testing"
	"testing/fstest"
)

// TestLoaderKeepsEarlierPlans loads a site twice with one loader, the
// second time without the region's narrative: the first plan, which a
// server may still be showing, keeps its narrative.
func TestLoaderKeepsEarlierPlans(t *testing.T) {
	fsys := fstest.MapFS{
		PlanFile:                  {Data: []byte("title = \"T\"\nyear = 2024\nunit = \"万元\"\n[target]\nrevenue = 100\n")},
		RegionsDir + "/east.toml": {Data: []byte("name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n")},
		RegionsDir + "/east.md":   {Data: []byte("East's narrative.\n")},
	}
	l := NewLoader()
	first, errs := l.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(first.Regions) != 1 || first.Regions[0].Narrative == nil {
		t.Fatalf("the first load has no narrative for east")
	}
	delete(fsys, RegionsDir+"/east.md")
	second, errs := l.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if second.Regions[0].Narrative != nil {
		t.Errorf("the second load still has the narrative that was removed")
	}
	if first.Regions[0].Narrative == nil {
		t.Errorf("loading again changed the region of the first plan: its narrative is gone")
	}
}
