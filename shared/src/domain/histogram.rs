//! A compact, mergeable histogram of durations for MTTA/MTTR percentiles.
//!
//! Buckets grow by 10%: bucket `k` holds durations in [1.1^k, 1.1^(k+1))
//! seconds. A percentile is reported as its bucket's geometric midpoint, so
//! it is within ±4.9% (√1.1 − 1) of the exact value, whatever the data size.
//! Durations of one second or less share bucket 0 and are reported as one
//! second (outside that bound only for sub-second durations).

use std::collections::BTreeMap;

const GROWTH: f64 = 1.1;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurationHistogram {
    buckets: BTreeMap<u32, u64>,
}

impl DurationHistogram {
    fn bucket_of(seconds: i64) -> u32 {
        if seconds <= 1 { 0 } else { ((seconds as f64).ln() / GROWTH.ln()).floor() as u32 }
    }

    pub fn record(&mut self, seconds: i64) {
        *self.buckets.entry(Self::bucket_of(seconds)).or_default() += 1;
    }

    /// Takes back one recorded duration (a reopened incident's resolution).
    pub fn forget(&mut self, seconds: i64) {
        let bucket = Self::bucket_of(seconds);
        if let Some(count) = self.buckets.get_mut(&bucket) {
            *count -= 1;
            if *count == 0 {
                self.buckets.remove(&bucket);
            }
        }
    }

    pub fn merge(&mut self, other: &DurationHistogram) {
        for (bucket, count) in &other.buckets {
            *self.buckets.entry(*bucket).or_default() += count;
        }
    }

    pub fn count(&self) -> u64 {
        self.buckets.values().sum()
    }

    /// The `q`-quantile (0 < q ≤ 1) in seconds, or `None` when empty.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0;
        for (bucket, count) in &self.buckets {
            seen += count;
            if seen >= rank {
                return Some(if *bucket == 0 { 1.0 } else { GROWTH.powi(*bucket as i32) * GROWTH.sqrt() });
            }
        }
        None
    }

    /// Storage form: `bucket:count` pairs, comma-separated, e.g. `12:3,40:1`
    /// (compact and quick to parse: dashboards merge hundreds of these).
    pub fn encode(&self) -> String {
        let pairs: Vec<String> = self.buckets.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        pairs.join(",")
    }

    pub fn decode(text: &str) -> Result<Self, String> {
        let mut buckets = BTreeMap::new();
        for pair in text.split(',').filter(|p| !p.is_empty()) {
            let (bucket, count) = pair.split_once(':').ok_or_else(|| format!("{pair:?} is not bucket:count"))?;
            let bucket: u32 = bucket.parse().map_err(|_| format!("bad bucket in {pair:?}"))?;
            let count: u64 = count.parse().map_err(|_| format!("bad count in {pair:?}"))?;
            buckets.insert(bucket, count);
        }
        Ok(Self { buckets })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_quantile(sorted: &[i64], q: f64) -> f64 {
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1] as f64
    }

    #[test]
    fn quantiles_stay_within_the_stated_error() {
        let mut values: Vec<i64> = (0..5000).map(|i| 30 + (i * i) % 86_400).collect();
        let mut histogram = DurationHistogram::default();
        for v in &values {
            histogram.record(*v);
        }
        values.sort_unstable();
        for q in [0.5, 0.9, 0.99] {
            let exact = exact_quantile(&values, q);
            let estimate = histogram.quantile(q).expect("non-empty");
            assert!((estimate - exact).abs() / exact <= 0.049 + 1e-9, "q={q}: {estimate} vs {exact}");
        }
    }

    #[test]
    fn merge_forget_and_storage_round_trip() {
        let mut a = DurationHistogram::default();
        a.record(60);
        a.record(3600);
        let mut b = DurationHistogram::default();
        b.record(60);
        a.merge(&b);
        assert_eq!(a.count(), 3);
        a.forget(3600);
        assert_eq!(a.count(), 2);
        assert_eq!(DurationHistogram::decode(&a.encode()).expect("decodes"), a);
        assert_eq!(DurationHistogram::decode("").expect("empty"), DurationHistogram::default());
        assert!(DurationHistogram::decode("3").is_err());
        assert_eq!(DurationHistogram::default().quantile(0.5), None);
    }
}
