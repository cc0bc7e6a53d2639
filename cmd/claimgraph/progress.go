package main

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar on a terminal (schollz/progressbar: count,
// rate and time left when the total is known, a spinner when it is not)
// and nothing elsewhere, so that piped output stays clean.
type progress struct {
	bar *progressbar.ProgressBar // nil when quiet
}

// newProgress returns a bar labelled label counting unit up to total (-1:
// unknown) on w, quiet unless w is a terminal.
func newProgress(w io.Writer, label, unit string, total int) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(label),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	}
	if unit != "" {
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString(unit),
			progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true))
	}
	return &progress{bar: progressbar.NewOptions(total, opts...)}
}

// newSpinner shows label and a spinner on w while work of unknown length
// runs, quiet unless w is a terminal; done takes it off the line.
func newSpinner(w io.Writer, label string) *progress {
	p := newProgress(w, label, "", -1)
	if p.bar != nil {
		p.bar.RenderBlank()
	}
	return p
}

func (p *progress) tick() {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

// clear takes the bar off the line (before a message; the next tick draws
// it again).
func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// until returns w written through: the first write ends the bar first, so
// that a command's output never lands on the bar's line.
func (p *progress) until(w io.Writer) io.Writer {
	if p.bar == nil {
		return w
	}
	return &endsProgress{w: w, p: p}
}

type endsProgress struct {
	w    io.Writer
	p    *progress
	once sync.Once
}

func (e *endsProgress) Write(b []byte) (int, error) {
	e.once.Do(e.p.done)
	return e.w.Write(b)
}

// done ends the bar and takes it off the line.
func (p *progress) done() {
	if p.bar != nil && !p.bar.IsFinished() {
		p.bar.Finish()
		p.bar.Clear()
	}
}
