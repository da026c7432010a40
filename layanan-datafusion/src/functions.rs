//! The aggregate functions (one generic implementation over the three tallies) and the scalar
//! functions that report a state.

use std::fmt::Debug;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, new_empty_array};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{Result, ScalarValue, exec_err, not_impl_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature,
    Volatility,
};
use layanan::columns::VisitCells;
use layanan::{Instrument, Merge, NpsTally, Scorecard, SkmAnswers, SkmTally};

use crate::input::{self, Arg, VISIT_ARGS, VISIT_REQUIRED};
use crate::state::{self, State};
use crate::{Settings, library, report};

/// What an aggregate function reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Input {
    /// SKM answers `u1…uk` of this instrument, NULL for blank.
    Answers(Instrument),
    /// Would-you-recommend scores 0–10, NULL for no answer.
    Scores,
    /// Visits: service, unit, times, money, then optionally recommend and empathy.
    Visits,
    /// States of the same tally, NULL ignored.
    States,
}

/// What an aggregate function gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Output {
    /// The report as a struct.
    Report,
    /// The merged tally as a state.
    State,
}

/// A tally the functions keep: how it starts, what it reads, what it reports.
pub(crate) trait Kind: State + Merge + Clone + Debug + Send + Sync + 'static {
    /// The report's struct fields.
    fn report_fields() -> Fields;

    /// The report as a struct.
    fn report(&self, settings: &Settings, name: &str) -> Result<ScalarValue>;

    /// An empty tally for functions reading rows (`None` for those reading states: the
    /// settings come with the first state).
    fn start(input: &Input, settings: &Settings) -> Option<Self>;

    /// Counts a batch of rows.
    fn push_rows(
        &mut self,
        input: &Input,
        settings: &Settings,
        values: &[ArrayRef],
        name: &str,
    ) -> Result<()>;

    /// Memory held, roughly, in bytes.
    fn size(&self) -> usize;
}

impl Kind for SkmTally {
    fn report_fields() -> Fields {
        report::skm_fields()
    }

    fn report(&self, _: &Settings, name: &str) -> Result<ScalarValue> {
        report::skm(self, name)
    }

    fn start(input: &Input, _: &Settings) -> Option<Self> {
        match input {
            Input::Answers(instrument) => Some(SkmTally::new(instrument.clone())),
            _ => None,
        }
    }

    fn push_rows(
        &mut self,
        input: &Input,
        _: &Settings,
        values: &[ArrayRef],
        name: &str,
    ) -> Result<()> {
        let Input::Answers(instrument) = input else {
            return exec_err!("{name}: reads no SKM answers");
        };
        let mut columns = values
            .iter()
            .map(input::integers)
            .collect::<Result<Vec<_>>>()?;
        let rows = values.first().map_or(0, |a| a.len());
        let mut row = Vec::with_capacity(columns.len());
        for _ in 0..rows {
            row.clear();
            row.extend(columns.iter_mut().map(|c| c.next().flatten()));
            let answers =
                SkmAnswers::from_values(instrument, &row).map_err(|e| library(e, name))?;
            self.push_answers(&answers).map_err(|e| library(e, name))?;
        }
        Ok(())
    }

    fn size(&self) -> usize {
        // The sums: k × 4 counts and five k × k matrices of u64.
        let k = self.instrument().len();
        size_of::<Self>() + 8 * (4 * k + 5 * k * k) + 256
    }
}

impl Kind for NpsTally {
    fn report_fields() -> Fields {
        report::nps_fields()
    }

    fn report(&self, _: &Settings, name: &str) -> Result<ScalarValue> {
        report::nps(self, name)
    }

    fn start(input: &Input, _: &Settings) -> Option<Self> {
        match input {
            Input::Scores => Some(NpsTally::default()),
            _ => None,
        }
    }

    fn push_rows(
        &mut self,
        input: &Input,
        _: &Settings,
        values: &[ArrayRef],
        name: &str,
    ) -> Result<()> {
        let (Input::Scores, [scores]) = (input, values) else {
            return exec_err!("{name}: expected one column of scores");
        };
        for score in input::integers(scores)?.flatten() {
            self.push_score(score).map_err(|e| library(e, name))?;
        }
        Ok(())
    }

    fn size(&self) -> usize {
        size_of::<Self>()
    }
}

impl Kind for Scorecard {
    fn report_fields() -> Fields {
        report::visit_fields()
    }

    fn report(&self, settings: &Settings, name: &str) -> Result<ScalarValue> {
        report::visits(self, &settings.report_options(), name)
    }

    fn start(input: &Input, settings: &Settings) -> Option<Self> {
        match input {
            Input::Visits => Some(settings.empty_scorecard()),
            _ => None,
        }
    }

    /// The batch takes the columnar path: its visits tallied into cells, the cells merged.
    fn push_rows(
        &mut self,
        input: &Input,
        settings: &Settings,
        values: &[ArrayRef],
        name: &str,
    ) -> Result<()> {
        if *input != Input::Visits {
            return exec_err!("{name}: reads no visits");
        }
        if values.first().is_none_or(|a| a.is_empty()) {
            return Ok(());
        }
        let empty = settings.empty_scorecard();
        let empathy_max = empty.empathy().scale().max();
        let (names, batch) = input::visit_columns(values, empty.standards(), empathy_max, name)?;
        let mut cells = VisitCells::new(empty);
        cells
            .push_columns(&names, &batch)
            .map_err(|e| library(e, name))?;
        let whole = cells
            .breakdown()
            .and_then(|b| b.overall())
            .map_err(|e| library(e, name))?;
        self.merge(&whole).map_err(|e| library(e, name))
    }

    fn size(&self) -> usize {
        // The speed part keeps every time for exact quantiles.
        size_of::<Self>() + 4096 + 48 * usize::try_from(self.visits()).unwrap_or(usize::MAX / 64)
    }
}

/// An aggregate function over one of the tallies.
#[derive(Debug)]
pub(crate) struct TallyFunction<T> {
    name: &'static str,
    signature: Signature,
    input: Input,
    output: Output,
    settings: Arc<Settings>,
    kind: PhantomData<fn() -> T>,
}

impl<T> PartialEq for TallyFunction<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.signature == other.signature
            && self.input == other.input
            && self.output == other.output
            && self.settings == other.settings
    }
}

impl<T> Eq for TallyFunction<T> {}

impl<T> Hash for TallyFunction<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.signature.hash(state);
        self.input.hash(state);
        self.output.hash(state);
        self.settings.hash(state);
    }
}

impl<T: Kind> TallyFunction<T> {
    /// `name` reading `input`, giving `output`.
    pub(crate) fn new(
        name: &'static str,
        input: Input,
        output: Output,
        settings: Arc<Settings>,
    ) -> Self {
        let signature = match &input {
            Input::Answers(instrument) => Signature::uniform(
                instrument.len(),
                vec![DataType::Int64],
                Volatility::Immutable,
            ),
            Input::Scores => Signature::uniform(1, vec![DataType::Int64], Volatility::Immutable),
            Input::Visits | Input::States => Signature::user_defined(Volatility::Immutable),
        };
        Self {
            name,
            signature,
            input,
            output,
            settings,
            kind: PhantomData,
        }
    }
}

impl<T: Kind> AggregateUDFImpl for TallyFunction<T> {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match self.input {
            Input::Visits => input::coerce(self.name, arg_types, &VISIT_ARGS, VISIT_REQUIRED),
            Input::States => input::coerce(self.name, arg_types, &[("state", Arg::State)], 1),
            _ => not_impl_err!("{}: no coercion", self.name),
        }
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(match self.output {
            Output::Report => DataType::Struct(T::report_fields()),
            Output::State => DataType::Binary,
        })
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if args.is_distinct {
            return not_impl_err!("{}(DISTINCT …) is not supported", self.name);
        }
        Ok(Box::new(TallyAccumulator::<T> {
            name: self.name,
            tally: T::start(&self.input, &self.settings),
            input: self.input.clone(),
            output: self.output,
            settings: Arc::clone(&self.settings),
        }))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format_state_name(args.name, "tally"),
            DataType::Binary,
            true,
        ))])
    }
}

/// One group's tally.
#[derive(Debug)]
struct TallyAccumulator<T> {
    name: &'static str,
    tally: Option<T>,
    input: Input,
    output: Output,
    settings: Arc<Settings>,
}

impl<T: Kind> TallyAccumulator<T> {
    /// Merges every state of a column (NULL ignored).
    fn merge_states(&mut self, states: &ArrayRef) -> Result<()> {
        for bytes in input::binaries(states)?.flatten() {
            let theirs: T = state::decode(bytes).map_err(|e| crate::refused(e, self.name))?;
            match &mut self.tally {
                Some(ours) => ours.merge(&theirs).map_err(|e| library(e, self.name))?,
                None => self.tally = Some(theirs),
            }
        }
        Ok(())
    }

    fn encoded(&self) -> Result<ScalarValue> {
        let bytes = match &self.tally {
            Some(tally) => Some(state::encode(tally).map_err(|e| crate::refused(e, self.name))?),
            None => None,
        };
        Ok(ScalarValue::Binary(bytes))
    }
}

impl<T: Kind> Accumulator for TallyAccumulator<T> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match (&self.input, values) {
            (Input::States, [states]) => self.merge_states(states),
            (Input::States, _) => exec_err!("{}: expected one column of states", self.name),
            (input, _) => match &mut self.tally {
                Some(tally) => tally.push_rows(input, &self.settings, values, self.name),
                None => exec_err!("{}: no tally to count rows into", self.name),
            },
        }
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        match (self.output, &self.tally) {
            (Output::State, _) => self.encoded(),
            (Output::Report, Some(tally)) => tally.report(&self.settings, self.name),
            (Output::Report, None) => report::null(&T::report_fields()),
        }
    }

    fn size(&self) -> usize {
        size_of::<Self>() + self.tally.as_ref().map_or(0, T::size)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.encoded()?])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        match states {
            [states] => self.merge_states(states),
            _ => exec_err!("{}: expected one column of states", self.name),
        }
    }
}

/// A scalar function: the report of each row's state.
#[derive(Debug)]
pub(crate) struct ReportFunction<T> {
    name: &'static str,
    signature: Signature,
    settings: Arc<Settings>,
    kind: PhantomData<fn() -> T>,
}

impl<T> PartialEq for ReportFunction<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.settings == other.settings
    }
}

impl<T> Eq for ReportFunction<T> {}

impl<T> Hash for ReportFunction<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.settings.hash(state);
    }
}

impl<T: Kind> ReportFunction<T> {
    pub(crate) fn new(name: &'static str, settings: Arc<Settings>) -> Self {
        Self {
            name,
            signature: Signature::user_defined(Volatility::Immutable),
            settings,
            kind: PhantomData,
        }
    }

    fn report_of(&self, bytes: Option<&[u8]>) -> Result<ScalarValue> {
        match bytes {
            Some(bytes) => {
                let tally: T = state::decode(bytes).map_err(|e| crate::refused(e, self.name))?;
                tally.report(&self.settings, self.name)
            }
            None => report::null(&T::report_fields()),
        }
    }
}

impl<T: Kind> ScalarUDFImpl for ReportFunction<T> {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        input::coerce(self.name, arg_types, &[("state", Arg::State)], 1)
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(T::report_fields()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [state] = args.args.as_slice() else {
            return exec_err!("{} takes one state", self.name);
        };
        match state {
            ColumnarValue::Scalar(ScalarValue::Binary(bytes)) => {
                Ok(ColumnarValue::Scalar(self.report_of(bytes.as_deref())?))
            }
            ColumnarValue::Scalar(other) => {
                exec_err!(
                    "{}: expected a Binary state, got {}",
                    self.name,
                    other.data_type()
                )
            }
            ColumnarValue::Array(array) => {
                let reports = input::binaries(array)?
                    .map(|bytes| self.report_of(bytes))
                    .collect::<Result<Vec<_>>>()?;
                if reports.is_empty() {
                    let empty = new_empty_array(&DataType::Struct(T::report_fields()));
                    return Ok(ColumnarValue::Array(empty));
                }
                Ok(ColumnarValue::Array(ScalarValue::iter_to_array(reports)?))
            }
        }
    }
}
