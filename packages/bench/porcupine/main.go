// porcbench: the Porcupine side of `pnpm bench checker`'s checker-vs-porcupine row (checker-porcupine-bench.ts).
// Checks JSONL register histories (invoke/ok events, as formatJsonl writes them) with Porcupine's
// register model (porcupine_test.go, nil as -1) and prints, per file, the verdict and the wall and
// CPU time of each of N in-process checks (the history parsed once, before the first). The bench
// builds it in a temporary folder with a go.mod that points at a local Porcupine checkout.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sort"
	"time"

	"github.com/anishathalye/porcupine"
)

type registerInput struct {
	op    bool // false = write, true = read
	value int
}

const nilValue = -1

// Porcupine's test register model (porcupine_test.go), with nil as -1.
var registerModel = porcupine.Model{
	Init: func() interface{} { return nilValue },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		in := input.(registerInput)
		if !in.op {
			return true, in.value
		}
		return output == state, state
	},
	Hash: func(state interface{}) uint64 { return uint64(state.(int) + 1) },
}

type event struct {
	Type    string           `json:"type"`
	Process int              `json:"process"`
	F       string           `json:"f"`
	Value   *json.RawMessage `json:"value"`
	Time    int64            `json:"time"`
}

func value(raw *json.RawMessage) int {
	if raw == nil || string(*raw) == "null" {
		return nilValue
	}
	var v int
	if err := json.Unmarshal(*raw, &v); err != nil {
		panic(err)
	}
	return v
}

func load(path string) []porcupine.Operation {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	open := map[int]*porcupine.Operation{}
	var ops []porcupine.Operation
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			panic(err)
		}
		switch e.Type {
		case "invoke":
			in := registerInput{op: e.F == "read", value: value(e.Value)}
			open[e.Process] = &porcupine.Operation{ClientId: e.Process, Input: in, Call: e.Time}
		case "ok":
			op := open[e.Process]
			delete(open, e.Process)
			op.Output = value(e.Value)
			op.Return = e.Time
			ops = append(ops, *op)
		default:
			panic("porcbench: only ok register histories: " + e.Type)
		}
	}
	if len(open) != 0 {
		panic("porcbench: operation without completion")
	}
	return ops
}

// cpuNs: CPU time of every thread of this process so far (ns), from /proc/self/task/*/schedstat.
func cpuNs() float64 {
	paths, _ := filepath.Glob("/proc/self/task/*/schedstat")
	total := 0.0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		v, _ := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
		total += v
	}
	return total
}

func main() {
	runs := flag.Int("runs", 3, "timed checks per file; the median is printed")
	flag.Parse()
	for _, path := range flag.Args() {
		ops := load(path)
		times := make([]float64, 0, *runs)
		cpu := make([]float64, 0, *runs)
		verdict := ""
		for i := 0; i < *runs; i++ {
			c := cpuNs()
			start := time.Now()
			res := porcupine.CheckOperationsTimeout(registerModel, ops, 60*time.Second)
			times = append(times, float64(time.Since(start).Nanoseconds())/1e6)
			cpu = append(cpu, (cpuNs()-c)/1e6)
			verdict = map[porcupine.CheckResult]string{porcupine.Ok: "linearizable", porcupine.Illegal: "not-linearizable", porcupine.Unknown: "unknown"}[res]
		}
		all := append([]float64(nil), times...)
		sort.Float64s(times)
		out, _ := json.Marshal(map[string]interface{}{"file": path, "verdict": verdict, "medianMs": times[len(times)/2], "timesMs": all, "processCpuMs": cpu})
		fmt.Println(string(out))
	}
}
