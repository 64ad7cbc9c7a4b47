;; The Mandelbrot set in ASCII, computed with f64 arithmetic and written to linear memory.
;;
;;   vitrine run examples/mandelbrot.wat --invoke main
;;
;; `main` draws the picture into memory, hands it to the host's `print` (supplied by the vitrine
;; CLI: it writes `len` bytes of the exported memory, starting at `ptr`, to standard output) and
;; returns how many of the points it sampled lie inside the set.
(module
  (import "vitrine" "print" (func $print (param $ptr i32) (param $len i32)))
  (memory (export "memory") 1)

  ;; Ten shades, from "escapes at once" to "never escapes" (stays within |z| ≤ 2).
  (data (i32.const 0) " .:-=+*#%@")
  (global $shades i32 (i32.const 10))
  (global $out i32 (i32.const 16))     ;; the picture starts here

  (global $width i32 (i32.const 72))
  (global $height i32 (i32.const 28))
  (global $maxIter i32 (i32.const 64))

  ;; How many steps of z := z² + c (from z = 0) stay within |z| ≤ 2, up to $maxIter.
  (func $escapeTime (param $cr f64) (param $ci f64) (result i32)
    (local $zr f64) (local $zi f64) (local $zr2 f64) (local $zi2 f64) (local $n i32)
    (block $escaped
      (loop $step
        (local.set $zr2 (f64.mul (local.get $zr) (local.get $zr)))
        (local.set $zi2 (f64.mul (local.get $zi) (local.get $zi)))
        (br_if $escaped (f64.gt (f64.add (local.get $zr2) (local.get $zi2)) (f64.const 4)))
        (br_if $escaped (i32.eq (local.get $n) (global.get $maxIter)))
        ;; z² + c = (zr² - zi² + cr) + (2·zr·zi + ci)i
        (local.set $zi
          (f64.add (f64.mul (f64.const 2) (f64.mul (local.get $zr) (local.get $zi))) (local.get $ci)))
        (local.set $zr (f64.add (f64.sub (local.get $zr2) (local.get $zi2)) (local.get $cr)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $step)))
    (local.get $n))

  ;; The shade for an escape time: '@' for points in the set, otherwise one shade per two steps
  ;; (most points escape within a few), up to '%' for 16 steps or more.
  (func $shade (param $n i32) (result i32)
    (i32.load8_u
      (select
        (i32.sub (global.get $shades) (i32.const 1))
        (select (i32.const 8) (i32.shr_u (local.get $n) (i32.const 1)) (i32.gt_u (local.get $n) (i32.const 16)))
        (i32.eq (local.get $n) (global.get $maxIter)))))

  (func (export "main") (result i32)
    (local $x i32) (local $y i32) (local $p i32) (local $n i32) (local $inside i32)
    (local.set $p (global.get $out))
    (loop $rows
      (local.set $x (i32.const 0))
      (loop $columns
        ;; c = (-2.2 + 3.0·(x + ½)/width) + (-1.2 + 2.4·(y + ½)/height)i, the pixel's centre
        (local.set $n
          (call $escapeTime
            (f64.add (f64.const -2.2)
              (f64.div (f64.mul (f64.const 3.0) (f64.add (f64.convert_i32_u (local.get $x)) (f64.const 0.5)))
                       (f64.convert_i32_u (global.get $width))))
            (f64.add (f64.const -1.2)
              (f64.div (f64.mul (f64.const 2.4) (f64.add (f64.convert_i32_u (local.get $y)) (f64.const 0.5)))
                       (f64.convert_i32_u (global.get $height))))))
        (if (i32.eq (local.get $n) (global.get $maxIter))
          (then (local.set $inside (i32.add (local.get $inside) (i32.const 1)))))
        (i32.store8 (local.get $p) (call $shade (local.get $n)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br_if $columns (i32.lt_u (local.get $x) (global.get $width))))
      (i32.store8 (local.get $p) (i32.const 10)) ;; '\n'
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $y) (global.get $height))))
    (call $print (global.get $out) (i32.sub (local.get $p) (global.get $out)))
    (local.get $inside))
)
