package gazetteer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestScratchKeys(t *testing.T) {
	if os.Getenv("GAZ_SCRATCH") == "" { t.Skip() }
	for _, n := range []string{"Sukhna","al-Sukhnah","Sukhnah","Mayadeen","al-Mayadin","Deir ez-Zor","Deir Ezzor","Deir el-Zour","Deir Ezzour","Deir al-Zor","Dayr az Zawr","al-Kawm","al-Kom","Kom","El Kowm","Baghouz","Baghuz","Hasakeh","Hasakah","Hasaka","Idleb","Idlib","Deraa","Daraa","Latakia","Lattakia","Latakiya","Khan Sheikhoun","Khan Shaykhun","Qusayr","Qusair","Abu Kamal","Albukamal","Ma'arrat al-Nu'man","Maarat al-Numan","Tall Abyad","Tal Abyad","Ras al-Ain","Ras al Ayn","Homs","Hama","Syria","Yarmouk","Shadadi","Ash Shaddadah","Douma","Raqqa","Raqqah","Kobani","Kobane","Ain al-Arab","Jisr al-Shughour","Jisr ash-Shughur"} {
		fmt.Printf("%-20s %-14s", n, Key(n))
		es := Default().Lookup(n)
		for i, e := range es { if i > 3 {break}; fmt.Printf(" | %s %s %s %s %d", e.ID, e.Name, e.Kind, e.Admin1, e.Population) }
		fmt.Println()
	}
}

func TestScratchCorpus(t *testing.T) {
	if os.Getenv("GAZ_SCRATCH") == "" { t.Skip() }
	f, err := os.Open("/work/shared/corpus/fakes_dev.jsonl")
	if err != nil { t.Skip() }
	defer f.Close()
	sc := bufio.NewScanner(f); sc.Buffer(nil, 1<<24)
	cnt := map[string]int{}
	g := Default()
	for sc.Scan() {
		var a struct{ Text string }
		json.Unmarshal(sc.Bytes(), &a)
		for _, m := range g.Find(a.Text) {
			e := m.Entries[0]
			cnt[fmt.Sprintf("%s => %s [%s %s %s]", m.Text, e.Name, e.Kind, e.Admin1, e.Country)]++
		}
	}
	type kv struct{k string; v int}
	var kvs []kv
	for k, v := range cnt { kvs = append(kvs, kv{k, v}) }
	sort.Slice(kvs, func(a, b int) bool { return kvs[a].v > kvs[b].v })
	for _, x := range kvs { fmt.Printf("%5d %s\n", x.v, x.k) }
}
