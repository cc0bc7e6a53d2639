package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/claimgraph/claimgraph/loaders/gazetteer"
	"github.com/claimgraph/claimgraph/schema"
)

var (
	testX    *Extractor
	testOnce sync.Once
)

func extractor(t testing.TB) *Extractor {
	testOnce.Do(func() {
		lex, err := DefaultLexicon()
		if err != nil {
			t.Fatal(err)
		}
		testX = New(lex, gazetteer.Default())
	})
	return testX
}

func render(c schema.Claim) string {
	cl := "-"
	if c.Claimant != nil {
		cl = c.Claimant.ID
	}
	var via []string
	for _, v := range c.Via {
		via = append(via, v.ID)
	}
	p := func(v *int64) string {
		if v == nil {
			return "_"
		}
		return fmt.Sprint(*v)
	}
	s := fmt.Sprintf("%s %s [%s,%s]", cl, c.Metric, p(c.Figure.Min), p(c.Figure.Max))
	if len(via) > 0 {
		s += " via " + strings.Join(via, ">")
	}
	if c.SubsetOf >= 0 {
		s += fmt.Sprintf(" part-of %d", c.SubsetOf)
	}
	return s
}

// TestClaims extracts sentences the team wrote for each rule and lists the
// claims: claimant, metric, interval, relays, and the claim a part belongs to.
func TestClaims(t *testing.T) {
	checkClaims(t, []claimCase{
		{"according to", "Monitor update\n\nAt least 12 civilians were killed in Douma, according to the Syrian Observatory for Human Rights.",
			[]string{"sohr killed [12,_]"}},
		{"inverted verb", "Update\n\nMore than 40 soldiers have been killed in ambushes this month, reported Al-Masdar News.",
			[]string{"al-masdar killed [41,_]"}},
		{"told relay", "Update\n\nThe toll was the worst this year, Rami Abdel Rahman, head of the Observatory, told AFP.",
			[]string{"rami-abdel-rahman other [_,_] via afp"}},
		{"subset and wounded", "Update\n\nNine fighters, including two officers, were killed and four wounded, the Observatory said.",
			[]string{"sohr killed [9,9]", "sohr killed [2,2] part-of 0", "sohr wounded [4,4]"}},
		{"it said carries", "Update\n\nSANA said rockets hit Aleppo. It said three children were killed.",
			[]string{"sana other [_,_]", "sana killed [3,3]"}},
		{"next sentence attributes", "Update\n\nAnother eight soldiers were killed in Hama. The attack hit a checkpoint near the town, the monitor said.",
			[]string{"sohr killed [8,8]", "sohr other [_,_]"}},
		{"corroborated by", "Update\n\nISIS killed 15 soldiers in Kafr Nubl, Al-Masdar reported, corroborated by SOHR.",
			[]string{"al-masdar killed [15,15]", "sohr killed [15,15]"}},
		{"eliminating", "Update\n\nArmy units shelled their hideouts, eliminating 12 terrorists, SANA said.",
			[]string{"sana killed [12,12]"}},
		{"as well as", "Update\n\nThe army killed a commander as well as five of his aides near Homs, SANA said.",
			[]string{"sana killed [1,1] part-of 2", "sana killed [5,5] part-of 2", "sana killed [6,6]"}},
		{"a rate is no count", "Update\n\nThe bombing kills a child every hour, UNICEF said.",
			[]string{"unicef other [_,_]"}},
		{"a toll risen far from its noun", "Update\n\nThe death toll from an air strike on a hospital in the rebel-held east of Aleppo late on Wednesday, the deadliest this month, has risen to 50, the monitor said.",
			[]string{"sohr killed [50,50]"}},
		{"displaced are no dead", "Update\n\nMore than 160 civilians have been killed and more than 330000 people displaced, the monitor said.",
			[]string{"sohr killed [161,_]", "sohr displaced [330001,_]"}},
		{"a part's verb is not the next clause's", "Update\n\nShells hit a hospital on Saturday, killing at least 13 people, including two members of the medical staff, and wounding dozens, the monitor said.",
			[]string{"sohr killed [13,_]", "sohr killed [2,2] part-of 0", "sohr wounded [24,_]"}},
		{"a speaker is no count", "Update\n\n\"Some of the bodies were burned\" an activist told AFP.",
			[]string{"unnamed-activists other [_,_] via afp"}},
		{"partitive things", "Update\n\nSeven militants were killed and one of their tanks was destroyed in addition to two of their machinegun-equipped vehicles, SANA said.",
			[]string{"sana killed [7,7]"}},
		{"negation", "Update\n\nThe militia did not give a casualty figure. There were no reports of casualties among 300 fighters.",
			nil},
		{"not people", "Update\n\nThe group holds some 4,000 square kilometres and fought for almost five years in two separate ambushes.",
			nil},
		{"among", "Update\n\nFour children were among 18 people killed in Idlib on Monday, activists said.",
			[]string{"unnamed-activists killed [4,4] part-of 1", "unnamed-activists killed [18,18]"}},
		{"sum", "Update\n\nSome 120 ISIS fighters and 60 foreign mercenaries were killed in strikes, the Defence Ministry said.",
			[]string{"russian-defence-ministry killed [120,120] part-of 2", "russian-defence-ministry killed [60,60] part-of 2", "russian-defence-ministry killed [180,180]"}},
		{"coordinated singular", "Update\n\nFive women and a child were killed in the camp, SANA said.",
			[]string{"sana killed [5,5] part-of 2", "sana killed [1,1] part-of 2", "sana killed [6,6]"}},
		{"they were among", "Update\n\nStrikes left 10 people dead, a monitor said. They were among 19 people killed in Idlib on Thursday.",
			[]string{"sohr killed [10,10] part-of 1", "sohr killed [19,19]"}},
		{"coordinated counts", "Update\n\nUS strikes killed 50 militants and eight civilians in Idlib, the Observatory said.",
			[]string{"sohr killed [50,50] part-of 2", "sohr killed [8,8] part-of 2", "sohr killed [58,58]"}},
		{"other conjunct's verb", "Update\n\nA woman was killed and 25 others were wounded in Homs, SANA said.",
			[]string{"sana killed [1,1]", "sana wounded [25,25]"}},
		{"headline verbs", "Kurds kill 83 injure 100 ISIS terrorists in two days\n\n3 civilians killed 40 injured in rocket attacks on Aleppo",
			[]string{"- killed [83,83]", "- wounded [100,100]", "- killed [3,3]", "- wounded [40,40]"}},
		{"next count's verb", "Militants kidnapped 300 Executed 12 Villagers in Raid\n\nNo group has claimed the raid.",
			[]string{"- captured [300,300]", "- executed [12,12]"}},
		{"suffocation", "Update\n\nSix civilians suffered suffocation in a gas attack on the town, SANA said.",
			[]string{"sana wounded [6,6]"}},
		{"compound", "Update\n\nTwo children were killed by shells in a rebel-held area of Homs, the monitor said.",
			[]string{"sohr killed [2,2]"}},
		{"sum beside responsibility", "Update\n\nIS claimed responsibility for the attack, in which some 120 ISIS fighters and 60 foreign mercenaries were killed in strikes, the Defence Ministry said.",
			[]string{"russian-defence-ministry killed [120,120] part-of 2", "russian-defence-ministry killed [60,60] part-of 2", "russian-defence-ministry killed [180,180]", "russian-defence-ministry responsibility [_,_]"}},
		{"quoted names", "Update\n\nActivists said at least 33 members of the so-called \"Islamic State in Iraq\" and \"al-Nusra Front\" organizations were killed.",
			[]string{"unnamed-activists killed [33,_]"}},
		{"channel", "Update\n\nISIS claimed responsibility for the attack through its Amaq agency. The jihadist group said it killed 20 soldiers.",
			[]string{"amaq responsibility [_,_]", "amaq killed [20,20]"}},
		{"claimed act without commas", "Update\n\nThe Islamic State group claims the double suicide bomb attack that hit a police station in Damascus on Monday killing at least 17 people.",
			[]string{"- killed [17,_]"}},
		{"unknown speaker before the verb", "Update\n\nEU diplomatic chief Federica Mogherini said the regime of Bashar al-Assad bears responsibility for an attack that killed at least 58 people.",
			[]string{"- killed [58,_]"}},
		{"agentless passive", "Update\n\nWashington and Paris say forces loyal to President Bashar al-Assad were behind the attack in which more than 1400 are estimated to have been killed.",
			[]string{"- killed [1401,_]"}},
		{"source after the verb, no speaker", "Update\n\nAt least 58 people were killed in the attack said the Syrian Observatory for Human Rights.",
			[]string{"sohr killed [58,_]"}},
	})
}

// TestClaimsSpeakers: who is the speaker of a sentence's figures when
// several sources are named in it.
func TestClaimsSpeakers(t *testing.T) {
	checkClaims(t, []claimCase{
		{"the dead are no speaker", "Update\n\nA command post was destroyed near the town the ministry said adding that 40 ISIS fighters were killed.",
			[]string{"- killed [40,40]"}},
		{"claimed by is no source of the toll", "Update\n\nA bomb blast claimed by the Daesh terror group killed at least 44 people on Wednesday in Qamishli.",
			[]string{"- killed [44,_]"}},
		{"backed by is no second claimant", "Update\n\nRegime forces backed by Hezbollah shelled rebel positions killing 12 fighters, the Local Coordination Committees said.",
			[]string{"lcc killed [12,12]"}},
		{"a cue after an article is a noun", "Update\n\nAt least 15 civilians were killed in US airstrikes targeting ISIS positions in the north, a report says.",
			[]string{"- killed [15,_]"}},
		{"a common noun subject", "Update\n\nISIS militants hit the town killing five people the engineer said.",
			[]string{"- killed [5,5]"}},
		{"the speaker at the end speaks for the lead", "Update\n\nUN says airdrops are not imminent Regime raids killed 31 civilians on Friday the civil defence said.",
			[]string{"white-helmets killed [31,31]"}},
		{"reports after the speaker's verb", "Update\n\nThe UN Security Council said it is seeking clarity on reports suggesting that government forces killed 1300 people.",
			[]string{"- killed [1300,1300]"}},
	})
}

// claimCase is an article body and its claims as render writes them.
type claimCase struct {
	name, text string
	want       []string
}

// checkClaims extracts each case's text and compares its claims.
func checkClaims(t *testing.T, cases []claimCase) {
	t.Helper()
	x := extractor(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := x.Extract(&Input{ID: "t.txt", Text: tc.text, Published: "2019-04-20"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range doc.Claims {
				got = append(got, render(c))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("claims:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestLayout(t *testing.T) {
	x := extractor(t)
	doc, err := x.Extract(&Input{ID: "a.txt", Text: "Asharq Al-Awsat English Middle-east News\n\nTwo Killed in Homs\n\nTwo Killed in Homs\n\nSaturday, 20 April, 2019 - 09:00\nTwo civilians were killed in Homs on Friday, SANA said.\n\nEditor Picks\n"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Two Killed in Homs" || doc.Published != "2019-04-20" || doc.Outlet == nil || doc.Outlet.ID != "asharq-al-awsat" {
		t.Errorf("layout: title %q published %q outlet %+v", doc.Title, doc.Published, doc.Outlet)
	}
	if len(doc.Claims) != 2 || doc.Claims[1].Event.Start != "2019-04-19" || doc.Claims[1].Event.Place == nil || doc.Claims[1].Event.Place.Admin1 != "Homs" {
		t.Errorf("claims: %+v", doc.Claims)
	}
	doc, _ = x.Extract(&Input{ID: "b.txt", Text: "Clashes\nLast Update: 2019-04-20 00:00:00 - Source: Rudaw\n\nERBIL, Kurdistan Region – Ten soldiers were killed.\nSource: DP"})
	if doc.Outlet == nil || doc.Outlet.ID != "rudaw" || doc.Published != "2019-04-20" {
		t.Errorf("stamp line: outlet %+v published %q", doc.Outlet, doc.Published)
	}
	if p := doc.Claims[0].Event.Place; p != nil && strings.EqualFold(p.Name, "Erbil") {
		t.Errorf("the dateline became the event place: %+v", p)
	}
}

// corpusText reads the shared corpus's article texts, or skips.
func corpusText(tb testing.TB) []Input {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "fakes_dev.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("corpus not found at %s: %v", path, err)
	}
	var out []Input
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var a Input
		if json.Unmarshal([]byte(line), &a) == nil {
			out = append(out, a)
		}
	}
	return out
}

func FuzzExtract(f *testing.F) {
	f.Add("Headline\n\nPublished 20.04.2019 16:37\nAt least 27 soldiers, including four officers, were killed, the Observatory said.\nSource: DP")
	f.Add("“ISIS killed over 70 soldiers,” Leith Aboufadel tweeted. Eight more were captured but later executed.")
	f.Add("a an the , . “ ” - – 1 2 among and including")
	f.Add("Undated\n\nOn Tuesday ISIS said it killed six on April 30, after a Monday raid on April 29; in 2017 it lost Raqqa.")
	f.Add("Undated\n\nThe group said on Friday that 20 died on Thursday night, over the last month 69 in total.")
	f.Add("Bomb kills woman wounds 25\n\nIn the Aleppo city of Deir Ezzor army units killed a commander as well as five of his aides and two of their machinegun-equipped vehicles in the villages of al-Qajar and al-Zara in Idleb, SANA said. Kills one every")
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := x.Extract(&Input{ID: "f", Text: text})
		if err != nil {
			return
		}
		for _, c := range doc.Claims {
			if c.Offset >= 0 && (c.Offset > len(text) || !strings.HasPrefix(text[c.Offset:], c.Evidence[:min(len(c.Evidence), 1)])) {
				t.Fatalf("evidence %q not at offset %d", c.Evidence, c.Offset)
			}
			if c.SubsetOf >= len(doc.Claims) {
				t.Fatalf("subset of a missing claim: %d", c.SubsetOf)
			}
			if e := c.Event; (e.RelStart == nil) != (e.RelEnd == nil) || e.RelStart != nil && (*e.RelStart > *e.RelEnd || doc.Published != "") {
				t.Fatalf("relative days %v..%v in an article published %q", e.RelStart, e.RelEnd, doc.Published)
			}
		}
		schema.Quads(doc)
	})
}

// BenchmarkExtract measures the whole extraction over the corpus in text MB/s.
func BenchmarkExtract(b *testing.B) {
	lines := corpusText(b)
	x := extractor(b)
	var size int64
	for _, l := range lines {
		size += int64(len(l.Text) + len(l.Title))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range lines {
			if _, err := x.Extract(&lines[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestFirstClaimPlace extracts articles the team wrote for each place rule
// and checks the place of the first claim: a governorate, a place id
// ("id:..."), or none ("").
func TestFirstClaimPlace(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct {
		name, published, title, body, want string
	}{
		{"a polity is no place", "2019-04-20", "",
			"The Damascus regime denied the strike that killed 80 people, the monitor said.", ""},
		{"a village of a near name far away is no place", "2019-04-20", "",
			"Army units shelled Kar Ghazal in the countryside of Idleb province on Friday, killing 12 militants, SANA said.", "Idlib"},
		{"a dateline is no governorate to stray from", "2019-04-20", "",
			"DAMASCUS (SANA) - Army units destroyed a hideout in Kafer Nabou, killing 12 terrorists.", "id:kafr-nabw-aleppo"},
		{"a government is no governorate to stray from", "2019-04-20", "",
			"The Damascus government said its jets killed 12 militants in Kafer Nabou.", "id:kafr-nabw-aleppo"},
		{"a village of a near name described by the governorate", "2019-04-20", "",
			"Shelling killed 9 people in the Idlib village of Kar Ghazal, the monitor said.", "Idlib"},
		// the first name describes the second, however sloppily
		{"described city", "2019-04-20", "",
			"At least 30 militants were killed in fighting in the Aleppo city of Deir Ezzor, activists said.", "id:deir-ezzor-governorate"},
		{"described town", "2019-04-20", "",
			"Shelling killed 9 people in the Idlib town of Saraqeb, the monitor said.", "id:saraqib-idlib"},
		// the finer place is the first: it is in the second
		{"neighbourhood of a city", "2019-04-20", "",
			"Shelling killed 9 people in the Jobar neighbourhood of Damascus, the monitor said.", "id:jobar-damascus"},
		{"area of a city", "2019-04-20", "",
			"Shelling killed 9 people in the Hamouria area of Douma, the monitor said.", "id:hamouriyah-rif-dimashq"},
		// history before the news: the article's place is the news's
		{"history is no place", "2017-08-13", "",
			"The agency put the death toll at 52, the ministry said. The rebels had used the same weapons in Aleppo last year. Doctors in Idlib treat the wounded.", "Idlib"},
		{"history is better than no place", "2017-08-13", "",
			"Government forces killed over 60 militants east of the city, the army said. The army had freed Palmyra from ISIS in March.", "Homs"},
		// a tally of the whole war names the country: it is no count of
		// the town the article is about; a tally of last month's fighting is
		{"a tally of the war is the country's", "2019-04-20", "",
			"Government troops pushed into the town of Saraqeb on Friday. More than 370,000 people have been killed in Syria since the conflict began in March 2011, the monitor says.", "id:syria"},
		{"a tally of years is the country's", "2019-04-20", "",
			"Jets struck the Idlib town of Saraqeb overnight. The war in Syria has killed more than 370,000 people over the past eight years.", "id:syria"},
		{"a tally of last month is the article's", "2019-04-20", "",
			"Government troops pushed into the town of Saraqeb on Friday. Air strikes have killed 200 people in Syria over the past month, the monitor said.", "Idlib"},
		{"a toll is where it rose", "2019-04-20", "",
			"The death toll from the rocket attacks on Homs rose to 8 on Friday as shells also hit Hama, SANA said.", "Homs"},
		{"a headline over three governorates is where the body counts the same", "2019-04-20", "Three killed in shelling on Damascus, Homs and Hama",
			"Shells hit a market in Homs city on Friday, killing three people, SANA said. Two more were wounded in Damascus.", "Homs"},
		{"a headline without a place is where the body counts the same, not the caption's", "2019-04-20", "Air strikes kill 21 at a market",
			"Rescuers search the rubble in Aleppo (AP photo) BEIRUT Air strikes on a market in the city of Idlib killed 21 civilians on Sunday, the monitor said.", "Idlib"},
	} {
		head := tt.title
		if head == "" {
			head = "Update"
		}
		doc, err := x.Extract(&Input{ID: "p.txt", Published: tt.published, Title: tt.title, Text: head + "\n\n" + tt.body})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Claims) == 0 {
			t.Errorf("%s: no claim", tt.name)
			continue
		}
		got := ""
		if p := doc.Claims[0].Event.Place; p != nil {
			got = p.Admin1
			if strings.HasPrefix(tt.want, "id:") {
				got = "id:" + p.ID
			}
		}
		if got != tt.want {
			t.Errorf("%s: first claim (%s) placed %q, want %q", tt.name, doc.Claims[0].Section, got, tt.want)
		}
		if tt.title != "" && doc.Claims[0].Section != "headline" {
			t.Errorf("%s: first claim in the %s, want the headline's", tt.name, doc.Claims[0].Section)
		}
	}
}

func TestPerpetrators(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]string{
		"Nearly 40 soldiers were killed in attacks by ISIS and al-Qaeda-linked Hayat Tahrir al-Sham (HTS), the monitor said.": "hts+isis",
		"Twelve soldiers were killed in an ISIS ambush, the monitor said.":                                                    "isis",
		"Ten HTS fighters were killed in clashes with ISIS, the monitor said.":                                                "isis",
	} {
		doc, err := x.Extract(&Input{ID: "p.txt", Published: "2019-04-20", Text: "Update\n\n" + text})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Claims) == 0 || doc.Claims[0].Perpetrator != want {
			t.Errorf("%q: claims %+v, want perpetrator %q", text, doc.Claims, want)
		}
	}
}

func TestLead(t *testing.T) {
	x := extractor(t)
	tests := []struct{ name, title, text, want string }{
		{"headline", "Shelling kills 12 in Homs", "Shelling kills 12 in Homs\n\nShelling killed 12 people in Homs on Friday, SANA said. Two were children.", "12"},
		{"singular headline over an older toll",
			"Landmine kills a woman in Homs",
			"Landmine kills a woman in Homs\n\nA woman was killed when a landmine exploded in a village near Homs on Friday, SANA said. Four people were wounded. Two shepherds were wounded by another mine on Thursday. Last month 30 people were killed in a bombing in the same area.",
			"1"},
		{"a commander among a toll",
			"Commander killed in Idlib",
			"Commander killed in Idlib\n\nA commander and 20 fighters were killed in an air strike in Idlib on Friday, the monitor said.",
			"20"},
		{"headline verb on a bare singular",
			"Bomb kills woman, wounds 25 in Homs",
			"Bomb kills woman, wounds 25 in Homs\n\nA woman was killed and 25 others were wounded when a bomb hit a bus south of Homs on Saturday. The bus carried workers. The wounded were taken to hospitals. On Tuesday some 100 civilians were killed in a chemical attack in Idlib.",
			"1"},
		{"a headline's own 'one'",
			"Rocket attack on Damascus kills one",
			"Rocket attack on Damascus kills one\n\nA rocket hit Damascus on Monday, killing one person and wounding five. Last week 12 people were killed in similar attacks on the city.",
			"1"},
		{"one of the commanders among a toll",
			"Army kills rebel emir in Homs",
			"Army kills rebel emir in Homs\n\nTroops killed one of the rebel commanders near Rastan on Sunday, the army said. The emir and at least 10 of his fighters were killed in the attack, it said.",
			"10"},
	}
	for _, tt := range tests {
		doc, err := x.Extract(&Input{ID: "l.txt", Published: "2019-04-20", Title: tt.title, Text: tt.text})
		if err != nil {
			t.Fatal(err)
		}
		got := "none"
		if doc.Lead >= 0 {
			got = fmt.Sprint(*doc.Claims[doc.Lead].Figure.Value)
		}
		if got != tt.want {
			t.Errorf("%s: lead %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestUndatedArticleDates(t *testing.T) {
	x := extractor(t)
	doc, err := x.Extract(&Input{ID: "u.txt", Text: "Update\n\nFive soldiers were killed in Homs on Thursday, the monitor said. " +
		"On April 8, 20 civilians were killed in Palmyra, the monitor said. 200 soldiers were killed in Homs this year, SANA said."})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Published != "" || doc.PublishedWeekday != "Thursday" {
		t.Fatalf("published %q weekday %q, want undated, Thursday", doc.Published, doc.PublishedWeekday)
	}
	var got []string
	for _, c := range doc.Claims {
		d := "-"
		if c.Event.RelStart != nil {
			d = fmt.Sprintf("P%+d..P%+d", *c.Event.RelStart, *c.Event.RelEnd)
		} else if c.Event.Start != "" {
			d = c.Event.Start
		}
		got = append(got, fmt.Sprintf("%d:%s", *c.Figure.Value, d))
	}
	// "April 8" has no year and "this year" no fixed distance from an unknown
	// day: neither dates its claim, nor lets Thursday carry over
	want := "5:P+0..P+0 20:- 200:-"
	if strings.Join(got, " ") != want {
		t.Errorf("claims %q, want %q", strings.Join(got, " "), want)
	}
}

// TestStatementDay: a weekday right after a reporting verb dates the
// statement, not the event; a possessive weekday dates the event.
func TestStatementDay(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		name, text, start string
	}{
		{"event day and statement day", "At least 58 people were killed in Khan Sheikhoun on Tuesday, the Observatory said on Wednesday.", "2017-04-04"},
		{"statement day only", "The Observatory said on Wednesday that 10 people were killed in Khan Sheikhoun.", ""},
		{"statement day without on", "The Observatory said Wednesday that 10 people were killed in Khan Sheikhoun.", ""},
		{"possessive", "The Observatory said Tuesday's strike killed 12 people in Khan Sheikhoun.", "2017-04-04"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := x.Extract(&Input{ID: "t.txt", Text: "Update\n\n" + tc.text, Published: "2017-04-06"})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Claims) == 0 {
				t.Fatal("no claim")
			}
			if got := doc.Claims[0].Event.Start; got != tc.start {
				t.Errorf("event start %q, want %q", got, tc.start)
			}
		})
	}
}

// TestWarTotals: a tally of the whole war (events.tsv kind war) whose
// sentence names no place is the country's, not the town the article is
// about, and is not credited to whoever spoke in the sentence before; a
// source the sentence itself names keeps it.
func TestWarTotals(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct{ name, published, body, place, claimant string }{
		{"unattributed", "", "Air strikes killed 12 people in Saraqeb on Friday, the Syrian Observatory for Human Rights said. Syria’s war has killed more than 370,000 people since the conflict began in 2011.", "syria", ""},
		{"its own source", "2019-04-20", "Air strikes killed 12 people in Saraqeb on Friday, the monitor said. The United Nations says the war has killed more than 220,000 people.", "syria", "un"},
	} {
		doc, err := x.Extract(&Input{ID: "w.txt", Published: tt.published, Text: "Update\n\n" + tt.body})
		if err != nil {
			t.Fatal(err)
		}
		var war *schema.Claim
		for i := range doc.Claims {
			if c := &doc.Claims[i]; c.Figure.Min != nil && *c.Figure.Min >= 200000 {
				war = c
			}
		}
		if war == nil {
			t.Errorf("%s: no claim of the war's toll in %+v", tt.name, doc.Claims)
			continue
		}
		place, claimant := "", ""
		if war.Event.Place != nil {
			place = war.Event.Place.ID
		}
		if war.Claimant != nil {
			claimant = war.Claimant.ID
		}
		if place != tt.place || claimant != tt.claimant {
			t.Errorf("%s: the war's toll placed at %q, credited to %q; want %q and %q", tt.name, place, claimant, tt.place, tt.claimant)
		}
	}
}
